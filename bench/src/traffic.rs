//! The load: commands from the linked customers, each on unique synthetic orders, as the
//! webhook deliveries Telegram and Green API would make, with retried (duplicate)
//! deliveries mixed in.

use super::fakes::Fakes;
use super::tenants::Setup;
use panelrelay_api::fakes::panel_admin_v2::{SYNTHETIC_ORDERS_PER_CUSTOMER, synthetic_order_id};
use serde_json::json;

/// Orders per bulk command.
pub const BULK_ORDERS: usize = 3;

/// One customer command.
#[derive(Debug, Clone)]
pub struct Command {
    /// Index into `Setup::customers`.
    pub customer: usize,
    /// The orders it names (unique over the whole run).
    pub orders: Vec<u64>,
}

/// One webhook delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Path on the server.
    pub path: String,
    /// The authentication header.
    pub header: (&'static str, String),
    /// The JSON body.
    pub body: String,
    /// Index of its command.
    pub command: usize,
}

/// A pass's commands and deliveries, in firing order.
pub struct Plan {
    /// The commands.
    pub commands: Vec<Command>,
    /// The deliveries (each command once, some twice).
    pub deliveries: Vec<Delivery>,
}

/// Generates traffic: a small deterministic random source and what was already used, so
/// later passes use fresh orders (cooldowns would otherwise refuse them) and fresh ids.
pub struct Generator {
    state: u64,
    next_order: Vec<u64>,
    next_id: u64,
}

impl Generator {
    /// A generator for `customers` customers.
    pub fn new(customers: usize) -> Self {
        Generator {
            state: 0x9E37_79B9_7F4A_7C15,
            next_order: vec![0; customers],
            next_id: 1,
        }
    }

    fn random(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn chance(&mut self, share: f64) -> bool {
        // 53 random bits as a fraction in [0, 1).
        let fraction = (self.random() >> 11) as f64 / (1u64 << 53) as f64;
        fraction < share
    }

    /// `requests` deliveries: `requests × duplicates` of them repeat an earlier delivery a
    /// little later (some while the first is still in flight), `bulk` of the commands name
    /// several orders.
    pub fn plan(
        &mut self,
        setup: &Setup,
        fakes: &Fakes,
        requests: usize,
        duplicates: f64,
        bulk: f64,
    ) -> Result<Plan, String> {
        let customers = setup.customers.len();
        if customers == 0 {
            return Err("no customers".into());
        }
        let repeats = ((requests as f64) * duplicates.clamp(0.0, 0.9)).round() as usize;
        let unique = requests - repeats;
        let mut commands = Vec::with_capacity(unique);
        let mut keyed: Vec<(u64, Delivery)> = Vec::with_capacity(requests);
        for index in 0..unique {
            let customer = index % customers;
            let count = if self.chance(bulk) { BULK_ORDERS } else { 1 };
            let mut orders = Vec::with_capacity(count);
            for _ in 0..count {
                let n = self.next_order[customer];
                if n >= SYNTHETIC_ORDERS_PER_CUSTOMER {
                    return Err("too many commands per customer: raise --customers".into());
                }
                self.next_order[customer] = n + 1;
                orders.push(synthetic_order_id(setup.customers[customer].number, n));
            }
            let delivery = self.delivery(setup, fakes, index, customer, &orders)?;
            commands.push(Command { customer, orders });
            // Keys spaced by 1000 leave room for repeats between originals.
            keyed.push((index as u64 * 1000, delivery));
        }
        for _ in 0..repeats {
            let original = (self.random() % unique.max(1) as u64) as usize;
            let Some((key, delivery)) = keyed.get(original).cloned() else {
                break;
            };
            // Between right after the original and ~64 deliveries later.
            let later = key + 1 + self.random() % 64_000;
            keyed.push((later, delivery));
        }
        keyed.sort_by_key(|(key, _)| *key);
        Ok(Plan {
            commands,
            deliveries: keyed.into_iter().map(|(_, d)| d).collect(),
        })
    }

    /// New deliveries of `commands` (new message ids, the same orders): customers asking
    /// again for what they asked before.
    pub fn again(
        &mut self,
        setup: &Setup,
        fakes: &Fakes,
        commands: &[Command],
    ) -> Result<Vec<Delivery>, String> {
        commands
            .iter()
            .enumerate()
            .map(|(index, command)| {
                self.delivery(setup, fakes, index, command.customer, &command.orders)
            })
            .collect()
    }

    fn delivery(
        &mut self,
        setup: &Setup,
        fakes: &Fakes,
        command: usize,
        customer: usize,
        orders: &[u64],
    ) -> Result<Delivery, String> {
        let who = &setup.customers[customer];
        let tenant = &setup.workspaces[who.workspace];
        let text = format!(
            "{} refill",
            orders
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let id = self.next_id;
        self.next_id += 1;
        let secrets = &fakes.secrets;
        if who.telegram {
            let chat: i64 = who.chat_id.parse().map_err(|_| "bad telegram chat id")?;
            let body = json!({"update_id": 500_000_000 + id, "message": {"message_id": id,
                "from": {"id": chat, "is_bot": false, "first_name": "Customer"},
                "chat": {"id": chat, "first_name": "Customer", "type": "private"},
                "date": 1_795_505_900, "text": text}});
            Ok(Delivery {
                path: format!("/webhooks/telegram/{}", tenant.telegram_channel),
                header: (
                    "x-telegram-bot-api-secret-token",
                    secrets.telegram_webhook_secret.clone(),
                ),
                body: body.to_string(),
                command,
            })
        } else {
            let instance: u64 = secrets.id_instance.parse().map_err(|_| "bad id_instance")?;
            let body = json!({"typeWebhook": "incomingMessageReceived",
                "instanceData": {"idInstance": instance, "wid": "79990000000@c.us", "typeInstance": "whatsapp"},
                "timestamp": 1_795_505_900, "idMessage": format!("BENCH{id:016X}"),
                "senderData": {"chatId": who.chat_id, "sender": who.chat_id, "senderName": "Customer"},
                "messageData": {"typeMessage": "textMessage", "textMessageData": {"textMessage": text}}});
            Ok(Delivery {
                path: format!("/webhooks/whatsapp_greenapi/{}", tenant.greenapi_channel),
                header: (
                    "authorization",
                    format!("Bearer {}", secrets.greenapi_webhook_secret),
                ),
                body: body.to_string(),
                command,
            })
        }
    }
}

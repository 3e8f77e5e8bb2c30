//! Table-driven and property tests of the command parser.

// Test helpers outside `#[test]` functions may unwrap too.
#![allow(clippy::unwrap_used)]

use panelrelay_core::command::{
    Action, Alias, Command, CommandParser, DEFAULT_MAX_ORDER_IDS, ParseOutcome, ParserConfig,
};
use proptest::prelude::*;

fn cmd(action: Action, order_ids: &[u64]) -> ParseOutcome {
    ParseOutcome::Command(Command {
        action,
        order_ids: order_ids.to_vec(),
    })
}

fn missing_action(order_ids: &[u64]) -> ParseOutcome {
    ParseOutcome::MissingAction {
        order_ids: order_ids.to_vec(),
    }
}

fn missing_ids(action: Action) -> ParseOutcome {
    ParseOutcome::MissingOrderIds { action }
}

fn too_many(count: usize, limit: usize) -> ParseOutcome {
    ParseOutcome::TooManyOrders { count, limit }
}

const CHATTER: ParseOutcome = ParseOutcome::NotACommand;

fn case(input: impl Into<String>, expected: ParseOutcome) -> (String, ParseOutcome) {
    (input.into(), expected)
}

/// `count` ids from 1000 up, joined by ", ".
fn id_list(count: u64) -> String {
    (1000..1000 + count)
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Cases for the default (built-in) parser.
fn default_cases() -> Vec<(String, ParseOutcome)> {
    use Action::*;
    let id = 2_274_209;
    let two = [2_274_209, 2_274_210];
    vec![
        // Shapes.
        case("2274209 refill", cmd(Refill, &[id])),
        case("refill 2274209", cmd(Refill, &[id])),
        case("refill order 2274209", cmd(Refill, &[id])),
        case("Refill Order #2274209", cmd(Refill, &[id])),
        case("order id: 2274209 refill", cmd(Refill, &[id])),
        case("2274209 REFILL", cmd(Refill, &[id])),
        case("  2274209   refill  ", cmd(Refill, &[id])),
        case("2274209 refill please", cmd(Refill, &[id])),
        case("pls refill 2274209", cmd(Refill, &[id])),
        case("1123, 4456 speed", cmd(Speed, &[1123, 4456])),
        case("123456, 123457 speed", cmd(Speed, &[123_456, 123_457])),
        case("1123,4456,7789 cancel", cmd(Cancel, &[1123, 4456, 7789])),
        case("1123 4456 7789 refill", cmd(Refill, &[1123, 4456, 7789])),
        case("refill\n1123\n4456\n7789", cmd(Refill, &[1123, 4456, 7789])),
        case("1123;4456; 7789 status", cmd(Details, &[1123, 4456, 7789])),
        case("1123 and 4456 refill", cmd(Refill, &[1123, 4456])),
        case("1123 & 4456 speed", cmd(Speed, &[1123, 4456])),
        case("1123 + 4456 cancel", cmd(Cancel, &[1123, 4456])),
        case("speed 1123, 1123, 4456, 1123", cmd(Speed, &[1123, 4456])),
        case("1123\r\n4456\r\nrefill", cmd(Refill, &[1123, 4456])),
        case("4456 refill 1123", cmd(Refill, &[4456, 1123])),
        case("refill: 1123", cmd(Refill, &[1123])),
        case("1123 - refill", cmd(Refill, &[1123])),
        case("refill-1123", cmd(Refill, &[1123])),
        case("*2274209 refill*", cmd(Refill, &[id])),
        case("_refill_ 2274209", cmd(Refill, &[id])),
        case("refill (2274209)", cmd(Refill, &[id])),
        case("[2274209] refill", cmd(Refill, &[id])),
        case("2274209. refill.", cmd(Refill, &[id])),
        case("Order No. 2274209 refill", cmd(Refill, &[id])),
        case("order no 2274209 speed up", cmd(Speed, &[id])),
        case("@panelbot 2274209 refill", cmd(Refill, &[id])),
        case("hi sir, 2274209 refill pls", cmd(Refill, &[id])),
        case("2274209 refill thanks", cmd(Refill, &[id])),
        // English action words.
        case("2274209 speed up", cmd(Speed, &[id])),
        case("2274209 speedup", cmd(Speed, &[id])),
        case("speed-up 2274209", cmd(Speed, &[id])),
        case("2274209 fast", cmd(Speed, &[id])),
        case("2274209 not started", cmd(Speed, &[id])),
        case("2274209 stuck", cmd(Speed, &[id])),
        case("sp 2274209", cmd(Speed, &[id])),
        case("2274209 cn", cmd(Cancel, &[id])),
        case("2274209 cancel and refund", cmd(Cancel, &[id])),
        case("refund 2274209", cmd(Cancel, &[id])),
        case("2274209 cancle", cmd(Cancel, &[id])),
        case("2274209 refil", cmd(Refill, &[id])),
        case("2274209 rf", cmd(Refill, &[id])),
        case("2274209 reff", cmd(Refill, &[id])),
        case("2274209 drop", cmd(Refill, &[id])),
        case("2274209 st", cmd(Details, &[id])),
        case("status 2274209", cmd(Details, &[id])),
        case("check 2274209", cmd(Details, &[id])),
        case("2274209 details", cmd(Details, &[id])),
        case("info 2274209", cmd(Details, &[id])),
        case("check status 2274209", cmd(Details, &[id])),
        case("check 2274209 speed", cmd(Speed, &[id])),
        case("balance", cmd(Balance, &[])),
        case("Balance?", cmd(Balance, &[])),
        case("my balance", cmd(Balance, &[])),
        case("check balance", cmd(Balance, &[])),
        case("bal", cmd(Balance, &[])),
        case("help", cmd(Help, &[])),
        case("HELP!!", cmd(Help, &[])),
        case("menu", cmd(Help, &[])),
        case("hi, help please", cmd(Help, &[])),
        // Telegram commands.
        case("/refill@SomeBot 1123", cmd(Refill, &[1123])),
        case("/help", cmd(Help, &[])),
        case("/help@PanelRelayBot", cmd(Help, &[])),
        case("/balance", cmd(Balance, &[])),
        case("/start", cmd(Help, &[])),
        case("/speed 1123 4456", cmd(Speed, &[1123, 4456])),
        case("/refill_1123", cmd(Refill, &[1123])),
        case("/status@bot 1123,4456", cmd(Details, &[1123, 4456])),
        // Unicode variants.
        case("２２７４２０９ ｒｅｆｉｌｌ", cmd(Refill, &[id])),
        case("ＲＥＦＩＬＬ\u{3000}２２７４２０９", cmd(Refill, &[id])),
        case("٢٢٧٤٢٠٩ refill", cmd(Refill, &[id])),
        case("۲۲۷۴۲۰۹ refill", cmd(Refill, &[id])),
        case("२२७४२०९ refill", cmd(Refill, &[id])),
        case("2274209\u{00A0}refill", cmd(Refill, &[id])),
        case("2274209\u{202F}refill", cmd(Refill, &[id])),
        case("2274209\u{200B}refill", cmd(Refill, &[id])),
        case("refill 🙏 2274209", cmd(Refill, &[id])),
        case("🔁 2274209 refill ✅", cmd(Refill, &[id])),
        case("2274209 refill 👍🏽", cmd(Refill, &[id])),
        case("𝗿𝗲𝗳𝗶𝗹𝗹 2274209", cmd(Refill, &[id])),
        case("speed–up 2274209", cmd(Speed, &[id])),
        case("2274209 — refill", cmd(Refill, &[id])),
        case("1️⃣2️⃣3️⃣4️⃣ refill", cmd(Refill, &[1234])),
        case("№ 2274209 refill", cmd(Refill, &[id])),
        case("2274209、2274210 speed", cmd(Speed, &two)),
        case("2274209，2274210 speed", cmd(Speed, &two)),
        case("«2274209» refill", cmd(Refill, &[id])),
        // Hindi and Urdu.
        case("2274209 jaldi", cmd(Speed, &[id])),
        case("jaldi karo 2274209", cmd(Speed, &[id])),
        case("bhai 2274209 jaldi kar do", cmd(Speed, &[id])),
        case("2274209 tez karo", cmd(Speed, &[id])),
        case("2274209 band karo", cmd(Cancel, &[id])),
        case("2274209 wapis", cmd(Cancel, &[id])),
        case("2274209 cancel kar do please", cmd(Cancel, &[id])),
        case("2274209 refill kardo", cmd(Refill, &[id])),
        case("2274209 ka status", cmd(Details, &[id])),
        case("2274209 kya hua", cmd(Details, &[id])),
        case("2274209 gir gaye", cmd(Refill, &[id])),
        case("2274209 kam ho gaye", cmd(Refill, &[id])),
        case("२२७४२०९ जल्दी करो", cmd(Speed, &[id])),
        case("2274209 रद्द करो", cmd(Cancel, &[id])),
        case("आर्डर 2274209 रिफिल कृपया", cmd(Refill, &[id])),
        case("आर्डर 2274209 स्टेटस", cmd(Details, &[id])),
        case("۲۲۷۴۲۰۹ جلدی کریں", cmd(Speed, &[id])),
        case("2274209 منسوخ کریں", cmd(Cancel, &[id])),
        case("بیلنس", cmd(Balance, &[])),
        case("madad", cmd(Help, &[])),
        // Indonesian.
        case("2274209 cepat", cmd(Speed, &[id])),
        case("tolong percepat 2274209 min", cmd(Speed, &[id])),
        case("batal 2274209", cmd(Cancel, &[id])),
        case("2274209 batalkan kak", cmd(Cancel, &[id])),
        case("isi ulang 2274209", cmd(Refill, &[id])),
        case("2274209 isi", cmd(Refill, &[id])),
        case("cek pesanan 2274209", cmd(Details, &[id])),
        case("saldo", cmd(Balance, &[])),
        case("cek saldo", cmd(Balance, &[])),
        case("bantuan", cmd(Help, &[])),
        case("2274209 refill dong", cmd(Refill, &[id])),
        // Russian.
        case("2274209 ускорить", cmd(Speed, &[id])),
        case("ускорьте заказ 2274209 пожалуйста", cmd(Speed, &[id])),
        case("отмена 2274209", cmd(Cancel, &[id])),
        case("Отменить заказ №2274209", cmd(Cancel, &[id])),
        case("2274209 рефилл", cmd(Refill, &[id])),
        case("докрутите 2274209", cmd(Refill, &[id])),
        case("баланс", cmd(Balance, &[])),
        case("статус заказа 2274209", cmd(Details, &[id])),
        case("помощь", cmd(Help, &[])),
        // Portuguese.
        case("acelerar pedido 2274209", cmd(Speed, &[id])),
        case("cancelar 2274209 por favor", cmd(Cancel, &[id])),
        case("reposição 2274209", cmd(Refill, &[id])),
        case("REPOSICAO 2274209", cmd(Refill, &[id])),
        case("situação do pedido 2274209", cmd(Details, &[id])),
        case("ajuda", cmd(Help, &[])),
        // Spanish.
        case("cancelación del pedido 2274209", cmd(Cancel, &[id])),
        case("reposición 2274209 porfa", cmd(Refill, &[id])),
        case("estado de mi orden 2274209", cmd(Details, &[id])),
        case("acelerar 2274209, 2274210", cmd(Speed, &two)),
        case("ayuda", cmd(Help, &[])),
        // Arabic.
        case("تسريع 2274209", cmd(Speed, &[id])),
        case("إلغاء الطلب ٢٢٧٤٢٠٩", cmd(Cancel, &[id])),
        case("الغاء 2274209", cmd(Cancel, &[id])),
        case("تعويض 2274209 من فضلك", cmd(Refill, &[id])),
        case("رصيد", cmd(Balance, &[])),
        case("حالة الطلب 2274209", cmd(Details, &[id])),
        case("مساعدة", cmd(Help, &[])),
        case("2274209، 2274210 تسريع", cmd(Speed, &two)),
        // Turkish.
        case("2274209 hızlandır", cmd(Speed, &[id])),
        case("2274209 hizlandir", cmd(Speed, &[id])),
        case("İPTAL 2274209", cmd(Cancel, &[id])),
        case("sipariş 2274209 iptal et lütfen", cmd(Cancel, &[id])),
        case("2274209 telafi", cmd(Refill, &[id])),
        case("bakiye", cmd(Balance, &[])),
        case("durum 2274209", cmd(Details, &[id])),
        case("yardım", cmd(Help, &[])),
        // Ids without a usable action.
        case("2274209", missing_action(&[id])),
        case("order 2274209", cmd(Details, &[id])),
        case("#2274209", missing_action(&[id])),
        case("2274209, 2274210", missing_action(&two)),
        case("2274209 2274209", missing_action(&[id])),
        case("2274209 refill cancel", missing_action(&[id])),
        case("help 2274209", missing_action(&[id])),
        case("balance 2274209", missing_action(&[id])),
        // Actions without ids.
        case("refill", missing_ids(Refill)),
        case("speed up please", missing_ids(Speed)),
        case("cancel my order", missing_ids(Cancel)),
        case("status", missing_ids(Details)),
        case("ускорить", missing_ids(Speed)),
        // Chatter.
        case("I paid 500 rs yesterday", CHATTER),
        case("order 5k followers", CHATTER),
        case("call me on +91 98765 43210", CHATTER),
        case("+91 98765 43210", CHATTER),
        case("my number is 9876543210", CHATTER),
        case("price is 1.5$ per 1000", CHATTER),
        case("500$", CHATTER),
        case("hello", CHATTER),
        case("please", CHATTER),
        case("order", CHATTER),
        case("ok", CHATTER),
        case("", CHATTER),
        case("   \n ", CHATTER),
        case("🙏🙏", CHATTER),
        case("when will my refill start?", missing_ids(Refill)),
        case("meeting at 10:30", CHATTER),
        case("12/05/2024", CHATTER),
        case(
            "refill 2274209 and also check the price",
            cmd(Refill, &[id]),
        ),
        case("2274209refill", cmd(Refill, &[id])),
        case("09876543210", CHATTER),
        case("1234567890123 refill", missing_ids(Refill)),
        case("refill 1123-4456", missing_ids(Refill)),
        case("sir@gmail.com refill", missing_ids(Refill)),
        case(
            "Order 2274209 is complete but followers dropped",
            cmd(Refill, &[id]),
        ),
        case("refill or cancel?", CHATTER),
        case("refill cancel", CHATTER),
        case("Planned maintenance tonight 01:00-03:00 UTC.", CHATTER),
        case("buy 1000 followers for 2$", CHATTER),
        case("mera paisa kab aayega 500", CHATTER),
        // Bulk limit (default 100 distinct ids).
        case(
            format!("{} refill", id_list(100)),
            cmd(Refill, &(1000..1100).collect::<Vec<_>>()),
        ),
        case(
            format!("{} refill", id_list(101)),
            too_many(101, DEFAULT_MAX_ORDER_IDS),
        ),
        case(
            format!("refill {}, {}", id_list(100), id_list(50)),
            cmd(Refill, &(1000..1100).collect::<Vec<_>>()),
        ),
        case(id_list(101), too_many(101, DEFAULT_MAX_ORDER_IDS)),
        case(
            format!("{} speed", id_list(500)),
            too_many(500, DEFAULT_MAX_ORDER_IDS),
        ),
    ]
}

/// Cases for a workspace with its own aliases, custom commands and a limit of 3.
fn workspace_cases() -> Vec<(String, ParseOutcome)> {
    use Action::*;
    let price = || Custom("Price list".to_owned());
    vec![
        case("1 2 3 refill", cmd(Refill, &[1, 2, 3])),
        case("1 2 3 4 refill", too_many(4, 3)),
        case("1 1 1 1 2 refill", cmd(Refill, &[1, 2])),
        case("price list", cmd(price(), &[])),
        case("PRICE-LIST please", cmd(price(), &[])),
        case("the price list", cmd(price(), &[])),
        case("price list 123", missing_action(&[123])),
        case("price", CHATTER),
        case("payment", cmd(Custom("Payment".to_owned()), &[])),
        case("ref 123", cmd(Refill, &[123])),
        case("123 drop", cmd(Details, &[123])),
        case("123 make it quick", cmd(Speed, &[123])),
        case("123 refill", cmd(Refill, &[123])),
    ]
}

fn workspace_parser() -> CommandParser {
    CommandParser::new(&ParserConfig {
        aliases: vec![
            Alias {
                phrase: "ref".to_owned(),
                action: Action::Refill,
            },
            Alias {
                phrase: "Drop".to_owned(),
                action: Action::Details,
            },
            Alias {
                phrase: "make it quick".to_owned(),
                action: Action::Speed,
            },
        ],
        custom_triggers: vec!["Price list".to_owned(), "Payment".to_owned()],
        max_order_ids: 3,
        min_order_id_digits: 1,
        ..ParserConfig::default()
    })
    .unwrap()
}

/// Runs a table and reports every failing case at once.
fn check(parser: &CommandParser, cases: &[(String, ParseOutcome)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(input, expected)| {
            let got = parser.parse(input);
            (got != *expected)
                .then(|| format!("{input:?}\n  expected {expected:?}\n  got      {got:?}"))
        })
        .collect();
    println!(
        "{} of {} cases agree",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn parser_table() {
    let cases = default_cases();
    assert!(cases.len() > 200, "only {} cases", cases.len());
    check(&CommandParser::default(), &cases);
}

#[test]
fn workspace_parser_table() {
    check(&workspace_parser(), &workspace_cases());
}

/// Action words of every language that take ids, for the round-trip property.
const ID_ACTIONS: &[(&str, Action)] = &[
    ("refill", Action::Refill),
    ("speed up", Action::Speed),
    ("cancel", Action::Cancel),
    ("status", Action::Details),
    ("jaldi", Action::Speed),
    ("isi ulang", Action::Refill),
    ("отмена", Action::Cancel),
    ("reposição", Action::Refill),
    ("إلغاء", Action::Cancel),
    ("İPTAL", Action::Cancel),
    ("kya hua", Action::Details),
];

/// Greetings, politeness, urgency, complaints and explanations, in several languages; no
/// action, intent or number word among them.
const SURROUNDING_WORDS: &[&str] = &[
    "hi",
    "admin,",
    "hello sir",
    "please",
    "plz!!",
    "urgent",
    "asap",
    "bhai",
    "yaar",
    "it's been",
    "two days",
    "customer",
    "hope you are well",
    "😡",
    "🙏",
    "kak",
    "tolong",
    "hola",
    "gracias",
    "obrigado",
    "пожалуйста",
    "срочно",
    "lütfen",
    "acil",
    "يا",
    "اخي",
    "my client is angry",
    "vip customer",
    "again",
    "i need this today",
    "thx",
];

/// Numbers that are not order ids: dates, times, phone numbers, prices, amounts,
/// quantities, percentages, short numbers.
const NON_IDS: &[&str] = &[
    "12/05/2024",
    "2024-05-12",
    "10:30",
    "on 3 march 2024",
    "+91 98765 43210",
    "+55 11 91234-5678",
    "call 0812 3456 7890",
    "9876543210",
    "$500",
    "500 rs",
    "₹2999",
    "R$ 35,90",
    "50.000",
    "1000 followers",
    "5k likes",
    "2500 instagram views",
    "50%",
    "75 %",
    "2 days",
    "300",
    "quantity: 1000",
    "price 1500",
    "0.45",
    "1.5$",
];

const SEPARATORS: &[&str] = &[
    ",", ", ", " ", "\n", ";", " ; ", " and ", " & ", "، ", "\t", " , ", "\u{00A0}", "、",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = CommandParser::default().parse(&text);
    }

    #[test]
    fn never_panics_on_command_like_text(text in "[0-9 ,;:./\\-@#+&a-zA-Z\u{0660}-\u{0669}\u{FF10}-\u{FF19}\u{2013}\u{00A0}🙏]{0,40}") {
        let _ = CommandParser::default().parse(&text);
    }

    #[test]
    fn an_id_with_surrounding_words_still_parses_to_that_id(
        id in 1000u64..=999_999_999,
        action in prop::sample::select(ID_ACTIONS),
        before in prop::collection::vec(prop::sample::select(SURROUNDING_WORDS), 0..6),
        after in prop::collection::vec(prop::sample::select(SURROUNDING_WORDS), 0..6),
        action_first in any::<bool>(),
    ) {
        let (first, second) = if action_first {
            (action.0.to_owned(), id.to_string())
        } else {
            (id.to_string(), action.0.to_owned())
        };
        let text = format!("{} {first} {second} {}", before.join(" "), after.join(" "));
        prop_assert_eq!(
            CommandParser::default().parse(&text),
            cmd(action.1.clone(), &[id]),
            "text: {:?}", text
        );
    }

    #[test]
    fn a_non_id_number_never_becomes_an_id(
        id in 1000u64..=999_999_999,
        action in prop::sample::select(ID_ACTIONS),
        number in prop::sample::select(NON_IDS),
        position in 0usize..3,
    ) {
        let mut parts = vec![id.to_string(), action.0.to_owned()];
        parts.insert(position, number.to_owned());
        let text = parts.join(" ");
        prop_assert_eq!(
            CommandParser::default().parse(&text),
            cmd(action.1.clone(), &[id]),
            "text: {:?}", text
        );
        prop_assert_eq!(
            CommandParser::default().parse(number),
            ParseOutcome::NotACommand,
            "alone: {:?}", number
        );
    }

    #[test]
    fn ids_round_trip(
        ids in prop::collection::vec(1000u64..=999_999_999, 1..40),
        separators in prop::collection::vec(prop::sample::select(SEPARATORS), 40),
        action in prop::sample::select(ID_ACTIONS),
        position in 0usize..40,
    ) {
        let mut parts: Vec<String> = ids.iter().map(u64::to_string).collect();
        parts.insert(position.min(parts.len()), action.0.to_owned());
        let mut text = String::new();
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                text.push_str(separators[index % separators.len()]);
            }
            text.push_str(part);
        }
        let mut expected_ids: Vec<u64> = Vec::new();
        for id in &ids {
            if !expected_ids.contains(id) {
                expected_ids.push(*id);
            }
        }
        prop_assert_eq!(
            CommandParser::default().parse(&text),
            cmd(action.1.clone(), &expected_ids),
            "text: {:?}", text
        );
    }
}

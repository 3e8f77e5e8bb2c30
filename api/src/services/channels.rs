//! A channel opened for use: its secrets decrypted, its sending client and validation built
//! from them.

use panelrelay_adapters::messaging::{
    GreenApi, GreenApiWebhook, HttpClient, MetaCloud, TelegramBot, TelegramWebhook,
    ValidationReport,
};
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::channels::Channel;
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::messenger::Messenger;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A channel with its secrets opened.
pub struct OpenChannel {
    /// The stored channel.
    pub channel: Channel,
    /// Its secrets by name.
    pub secrets: BTreeMap<String, String>,
    /// Its non-secret settings by name.
    pub settings: BTreeMap<String, String>,
    /// Whether its workspace is suspended (deliveries are acknowledged, not stored).
    pub workspace_suspended: bool,
}

/// Why a channel cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("channel {0}")]
pub struct ChannelError(pub String);

impl OpenChannel {
    /// Opens a stored channel's secrets.
    pub fn open(secrets: &SecretBox, channel: Channel) -> Result<Self, ChannelError> {
        let plain = secrets
            .open(&channel.secrets_sealed)
            .map_err(|e| ChannelError(format!("secrets: {e}")))?;
        let secrets =
            serde_json::from_str(&plain).map_err(|_| ChannelError("secrets unreadable".into()))?;
        let settings = serde_json::from_value(channel.config.clone()).unwrap_or_default();
        Ok(OpenChannel {
            channel,
            secrets,
            settings,
            workspace_suspended: false,
        })
    }

    /// A secret (empty when absent: an empty secret authenticates nothing).
    pub fn secret(&self, name: &str) -> &str {
        self.secrets.get(name).map_or("", String::as_str)
    }

    fn setting(&self, name: &str) -> &str {
        self.settings.get(name).map_or("", String::as_str)
    }

    /// The webhook URL of this channel.
    pub fn webhook_url(&self, public_url: &str) -> String {
        format!(
            "{public_url}/webhooks/{}/{}",
            self.channel.medium.as_str(),
            self.channel.id
        )
    }

    fn green_api(&self, http: HttpClient) -> Result<GreenApi, ChannelError> {
        let instance = self
            .setting("id_instance")
            .parse()
            .map_err(|_| ChannelError("id_instance is not a number".into()))?;
        Ok(GreenApi::new(
            http,
            self.setting("api_base_url"),
            instance,
            self.secret("api_token"),
        ))
    }

    fn meta(&self, http: HttpClient) -> MetaCloud {
        MetaCloud::new(
            http,
            self.setting("api_base_url"),
            self.setting("graph_version"),
            self.setting("phone_number_id"),
            self.secret("access_token"),
        )
    }

    /// The client that sends through this channel.
    pub fn messenger(&self, http: HttpClient) -> Result<Arc<dyn Messenger>, ChannelError> {
        Ok(match self.channel.medium {
            Medium::Telegram => Arc::new(TelegramBot::new(
                http,
                self.setting("api_base_url"),
                self.secret("bot_token"),
            )),
            Medium::WhatsappGreenapi => Arc::new(self.green_api(http)?),
            Medium::WhatsappMeta => Arc::new(self.meta(http)),
        })
    }

    /// Checks the channel against its provider and points the provider's webhook at us.
    pub async fn validate(
        &self,
        http: HttpClient,
        public_url: &str,
    ) -> Result<ValidationReport, ChannelError> {
        let url = self.webhook_url(public_url);
        Ok(match self.channel.medium {
            Medium::Telegram => {
                let bot =
                    TelegramBot::new(http, self.setting("api_base_url"), self.secret("bot_token"));
                bot.validate(&TelegramWebhook {
                    url,
                    secret_token: self.secret("webhook_secret").to_string(),
                })
                .await
            }
            Medium::WhatsappGreenapi => {
                self.green_api(http)?
                    .validate(&GreenApiWebhook {
                        url,
                        token: self.secret("webhook_secret").to_string(),
                    })
                    .await
            }
            Medium::WhatsappMeta => self.meta(http).validate().await,
        })
    }
}

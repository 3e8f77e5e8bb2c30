"""Contains all the data models used in inputs/outputs"""

from .access import Access
from .add_admin_chat import AddAdminChat
from .admin_chat import AdminChat
from .admin_chat_list import AdminChatList
from .alias_action import AliasAction
from .anchor import Anchor
from .api_key import ApiKey
from .api_key_list import ApiKeyList
from .capabilities import Capabilities
from .cells import Cells
from .channel import Channel
from .channel_health import ChannelHealth
from .channel_input import ChannelInput
from .channel_list import ChannelList
from .channel_secrets import ChannelSecrets
from .channel_settings import ChannelSettings
from .channel_status import ChannelStatus
from .channel_validation import ChannelValidation
from .chat import Chat
from .chat_list import ChatList
from .command_alias import CommandAlias
from .command_alias_input import CommandAliasInput
from .command_alias_list import CommandAliasList
from .command_log_entry import CommandLogEntry
from .command_log_list import CommandLogList
from .cooldown import Cooldown
from .cooldown_list import CooldownList
from .cooldowns import Cooldowns
from .create_api_key import CreateApiKey
from .create_channel_greenapi_channel_input import CreateChannelGreenapiChannelInput
from .create_channel_greenapi_channel_input_medium import CreateChannelGreenapiChannelInputMedium
from .create_channel_meta_channel_input import CreateChannelMetaChannelInput
from .create_channel_meta_channel_input_medium import CreateChannelMetaChannelInputMedium
from .create_channel_telegram_channel_input import CreateChannelTelegramChannelInput
from .create_channel_telegram_channel_input_medium import CreateChannelTelegramChannelInputMedium
from .create_workspace import CreateWorkspace
from .created_api_key import CreatedApiKey
from .created_workspace import CreatedWorkspace
from .custom_command import CustomCommand
from .custom_command_input import CustomCommandInput
from .custom_command_list import CustomCommandList
from .database_kind import DatabaseKind
from .delivery_status import DeliveryStatus
from .direction import Direction
from .dispatch_log_entry import DispatchLogEntry
from .dispatch_log_list import DispatchLogList
from .error_body import ErrorBody
from .error_code import ErrorCode
from .error_envelope import ErrorEnvelope
from .forwarded_action import ForwardedAction
from .greenapi_channel_input import GreenapiChannelInput
from .health_status import HealthStatus
from .import_report import ImportReport
from .import_request import ImportRequest
from .import_row import ImportRow
from .import_row_error import ImportRowError
from .import_row_result import ImportRowResult
from .import_row_status import ImportRowStatus
from .intent_action import IntentAction
from .intents import Intents
from .key_value_kind import KeyValueKind
from .last_test import LastTest
from .link_user import LinkUser
from .linked_user import LinkedUser
from .linked_user_list import LinkedUserList
from .live import Live
from .matrix import Matrix
from .medium_name import MediumName
from .message import Message
from .message_list import MessageList
from .meta_channel_input import MetaChannelInput
from .modules import Modules
from .order_outcome import OrderOutcome
from .outbound_log_entry import OutboundLogEntry
from .outbound_log_list import OutboundLogList
from .outgoing_kind import OutgoingKind
from .overall_state import OverallState
from .panel import Panel
from .panel_health import PanelHealth
from .panel_state import PanelState
from .panel_test import PanelTest
from .panel_type import PanelType
from .parsed_command import ParsedCommand
from .planned_dispatch import PlannedDispatch
from .put_panel import PutPanel
from .queue_health import QueueHealth
from .readiness import Readiness
from .ready import Ready
from .reason import Reason
from .receive_webhook_body import ReceiveWebhookBody
from .refill_kind import RefillKind
from .refresh_result import RefreshResult
from .reply_template import ReplyTemplate
from .reply_template_input import ReplyTemplateInput
from .reply_template_list import ReplyTemplateList
from .role import Role
from .route import Route
from .route_input import RouteInput
from .route_list import RouteList
from .rule import Rule
from .rules_mode import RulesMode
from .runner import Runner
from .runner_health import RunnerHealth
from .runner_instance import RunnerInstance
from .runner_state import RunnerState
from .runtime_health import RuntimeHealth
from .secret_hint import SecretHint
from .send_outcome import SendOutcome
from .sender_kind import SenderKind
from .service_rule_list import ServiceRuleList
from .service_rule_view import ServiceRuleView
from .services_source import ServicesSource
from .simulate_input import SimulateInput
from .simulated_outcome import SimulatedOutcome
from .simulation import Simulation
from .telegram_channel_input import TelegramChannelInput
from .template_preview import TemplatePreview
from .template_preview_input import TemplatePreviewInput
from .template_preview_input_values import TemplatePreviewInputValues
from .template_preview_values import TemplatePreviewValues
from .templates import Templates
from .unknown_policy import UnknownPolicy
from .update_admin_chat import UpdateAdminChat
from .update_linked_user import UpdateLinkedUser
from .update_workspace import UpdateWorkspace
from .verify_webhook_medium import VerifyWebhookMedium
from .webhook_log_entry import WebhookLogEntry
from .webhook_log_list import WebhookLogList
from .webhook_outcome import WebhookOutcome
from .webhook_receipt import WebhookReceipt
from .workspace import Workspace
from .workspace_list import WorkspaceList
from .workspace_settings import WorkspaceSettings
from .workspace_status import WorkspaceStatus

__all__ = (
    "Access",
    "AddAdminChat",
    "AdminChat",
    "AdminChatList",
    "AliasAction",
    "Anchor",
    "ApiKey",
    "ApiKeyList",
    "Capabilities",
    "Cells",
    "Channel",
    "ChannelHealth",
    "ChannelInput",
    "ChannelList",
    "ChannelSecrets",
    "ChannelSettings",
    "ChannelStatus",
    "ChannelValidation",
    "Chat",
    "ChatList",
    "CommandAlias",
    "CommandAliasInput",
    "CommandAliasList",
    "CommandLogEntry",
    "CommandLogList",
    "Cooldown",
    "CooldownList",
    "Cooldowns",
    "CreateApiKey",
    "CreateChannelGreenapiChannelInput",
    "CreateChannelGreenapiChannelInputMedium",
    "CreateChannelMetaChannelInput",
    "CreateChannelMetaChannelInputMedium",
    "CreateChannelTelegramChannelInput",
    "CreateChannelTelegramChannelInputMedium",
    "CreatedApiKey",
    "CreatedWorkspace",
    "CreateWorkspace",
    "CustomCommand",
    "CustomCommandInput",
    "CustomCommandList",
    "DatabaseKind",
    "DeliveryStatus",
    "Direction",
    "DispatchLogEntry",
    "DispatchLogList",
    "ErrorBody",
    "ErrorCode",
    "ErrorEnvelope",
    "ForwardedAction",
    "GreenapiChannelInput",
    "HealthStatus",
    "ImportReport",
    "ImportRequest",
    "ImportRow",
    "ImportRowError",
    "ImportRowResult",
    "ImportRowStatus",
    "IntentAction",
    "Intents",
    "KeyValueKind",
    "LastTest",
    "LinkedUser",
    "LinkedUserList",
    "LinkUser",
    "Live",
    "Matrix",
    "MediumName",
    "Message",
    "MessageList",
    "MetaChannelInput",
    "Modules",
    "OrderOutcome",
    "OutboundLogEntry",
    "OutboundLogList",
    "OutgoingKind",
    "OverallState",
    "Panel",
    "PanelHealth",
    "PanelState",
    "PanelTest",
    "PanelType",
    "ParsedCommand",
    "PlannedDispatch",
    "PutPanel",
    "QueueHealth",
    "Readiness",
    "Ready",
    "Reason",
    "ReceiveWebhookBody",
    "RefillKind",
    "RefreshResult",
    "ReplyTemplate",
    "ReplyTemplateInput",
    "ReplyTemplateList",
    "Role",
    "Route",
    "RouteInput",
    "RouteList",
    "Rule",
    "RulesMode",
    "Runner",
    "RunnerHealth",
    "RunnerInstance",
    "RunnerState",
    "RuntimeHealth",
    "SecretHint",
    "SenderKind",
    "SendOutcome",
    "ServiceRuleList",
    "ServiceRuleView",
    "ServicesSource",
    "SimulatedOutcome",
    "SimulateInput",
    "Simulation",
    "TelegramChannelInput",
    "TemplatePreview",
    "TemplatePreviewInput",
    "TemplatePreviewInputValues",
    "TemplatePreviewValues",
    "Templates",
    "UnknownPolicy",
    "UpdateAdminChat",
    "UpdateLinkedUser",
    "UpdateWorkspace",
    "VerifyWebhookMedium",
    "WebhookLogEntry",
    "WebhookLogList",
    "WebhookOutcome",
    "WebhookReceipt",
    "Workspace",
    "WorkspaceList",
    "WorkspaceSettings",
    "WorkspaceStatus",
)

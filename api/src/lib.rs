//! panelrelay-api.

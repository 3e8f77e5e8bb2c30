//! panelrelay-adapters: implementations of the core ports.

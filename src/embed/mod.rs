//! Embedding in a CRM page: the options a widget takes and the JavaScript API that
//! mounts it (used by the `<calls-widget>` element and by hosts directly).

mod mount;
pub mod options;

pub use mount::{WidgetHandle, mount_widget};
pub use options::{Theme, WidgetOptions};

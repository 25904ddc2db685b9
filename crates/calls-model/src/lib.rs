//! The Calls API's shared model: the types of the contract in `shared/calls-api.md`, their
//! validation and the listing parameters. Pure Rust with no web or database dependency, so
//! that the widget (wasm32) and the reference server use one definition of every rule.

pub mod call;
pub mod envelope;
pub mod id;
pub mod links;
pub mod owner;
pub mod query;
pub mod time;
pub mod validation;

pub use call::{Call, CallFields, CallPatch, CallResult};
pub use envelope::{
    CallData, CallPage, CompanyData, CompanyPage, ContactData, ContactPage, Deleted, Envelope, PageInfo,
};
pub use id::ObjectId;
pub use owner::{Company, Contact, Owner};
pub use query::{DateFilter, ListParams, ParamError};
pub use validation::{FieldErrors, Problem};

//! The listing parameters of `calls.json`, parsed and validated once for the server and
//! written back out by the widget.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::id::ObjectId;
use crate::owner::Owner;
use crate::time::{Edge, format_timestamp, parse_time};

/// Which field of a call `since` and `until` apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFilter {
    /// The call's `date`.
    Date,
    /// When the call was created.
    Created,
    /// The call's `modified_at`.
    Modified,
}

impl DateFilter {
    /// The parameter's value for this filter.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Created => "created",
            Self::Modified => "modified",
        }
    }
}

/// A listing parameter that is wrong; the server answers 400 with [`ParamError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter's name, e.g. `per_page`.
    pub param: String,
    /// What is wrong with it, naming the parameter.
    pub message: String,
}

impl ParamError {
    fn new(param: &str, problem: impl fmt::Display) -> Self {
        Self {
            param: param.to_owned(),
            message: format!("`{param}` {problem}"),
        }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

/// The parameters of a call listing, validated: never clamped, never guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// Whose calls; `None` lists every call the caller may see.
    pub owner: Option<Owner>,
    /// Which field `since`/`until` apply to; without it they apply to `modified_at`.
    pub date_filter: Option<DateFilter>,
    /// That field is on or after this time.
    pub since: Option<DateTime<Utc>>,
    /// That field is on or before this time (a date covers its whole day).
    pub until: Option<DateTime<Utc>>,
    /// Only calls with `modified_at` ≤ this time.
    pub unmodified_since: Option<DateTime<Utc>>,
    /// Only calls with `modified_at` ≥ this time.
    pub modified_since: Option<DateTime<Utc>>,
    /// 1-based page.
    pub page: u32,
    /// Calls per page, 1 to [`ListParams::MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for ListParams {
    fn default() -> Self {
        Self {
            owner: None,
            date_filter: None,
            since: None,
            until: None,
            unmodified_since: None,
            modified_since: None,
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

impl ListParams {
    /// Page size when `per_page` is not given.
    pub const DEFAULT_PER_PAGE: u32 = 10;
    /// The largest page size.
    pub const MAX_PER_PAGE: u32 = 100;

    /// Parses decoded query pairs. Parameters that are not listing parameters (`api_key`,
    /// `partial`, a cache buster) are ignored; a listing parameter given twice, empty or
    /// malformed is an error naming it.
    pub fn parse<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, ParamError>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut params = Self::default();
        let mut seen: Vec<&'static str> = Vec::new();
        let mut contact_id = None;
        let mut company_id = None;
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            let Some(name) = Self::KNOWN.iter().copied().find(|known| *known == key) else {
                continue;
            };
            if seen.contains(&name) {
                return Err(ParamError::new(name, "is given more than once"));
            }
            seen.push(name);
            match name {
                "contact_id" => contact_id = Some(parse_id(name, value)?),
                "company_id" => company_id = Some(parse_id(name, value)?),
                "date_filter" => params.date_filter = Some(parse_date_filter(value)?),
                "since" => params.since = Some(parse_time_param(name, value, Edge::Start)?),
                "until" => params.until = Some(parse_time_param(name, value, Edge::End)?),
                "unmodified_since" => params.unmodified_since = Some(parse_time_param(name, value, Edge::End)?),
                "modified_since" => params.modified_since = Some(parse_time_param(name, value, Edge::Start)?),
                "page" => params.page = parse_count(name, value, u32::MAX)?,
                _ => params.per_page = parse_count(name, value, Self::MAX_PER_PAGE)?,
            }
        }
        params.owner = match (contact_id, company_id) {
            (Some(_), Some(_)) => {
                return Err(ParamError {
                    param: "company_id".to_owned(),
                    message: "give either `contact_id` or `company_id`, not both".to_owned(),
                });
            }
            (Some(id), None) => Some(Owner::Contact(id)),
            (None, Some(id)) => Some(Owner::Company(id)),
            (None, None) => None,
        };
        Ok(params)
    }

    /// Every listing parameter: the owner (`contact_id`, `company_id`, first: a list whose
    /// owner is in its path takes the rest, [`ListParams::LISTING`]), then filters and paging.
    pub const KNOWN: [&'static str; 9] = [
        "contact_id",
        "company_id",
        "date_filter",
        "since",
        "until",
        "unmodified_since",
        "modified_since",
        "page",
        "per_page",
    ];

    /// The listing parameters of a list whose owner is in its path: all but the owner's.
    pub const LISTING: &'static [&'static str] = Self::KNOWN.split_at(2).1;

    /// The parameters as query pairs, leaving out defaults; the owner is left out too,
    /// because the widget puts it in the path.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if let Some(filter) = self.date_filter {
            query.push(("date_filter", filter.as_str().to_owned()));
        }
        let times = [
            ("since", self.since),
            ("until", self.until),
            ("unmodified_since", self.unmodified_since),
            ("modified_since", self.modified_since),
        ];
        for (name, time) in times {
            if let Some(time) = time {
                query.push((name, format_timestamp(&time)));
            }
        }
        if self.page != 1 {
            query.push(("page", self.page.to_string()));
        }
        if self.per_page != Self::DEFAULT_PER_PAGE {
            query.push(("per_page", self.per_page.to_string()));
        }
        query
    }

    /// How many records come before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

fn parse_id(name: &str, value: &str) -> Result<ObjectId, ParamError> {
    value.parse().map_err(|error| ParamError::new(name, error))
}

fn parse_date_filter(value: &str) -> Result<DateFilter, ParamError> {
    match value {
        "date" => Ok(DateFilter::Date),
        "created" => Ok(DateFilter::Created),
        "modified" => Ok(DateFilter::Modified),
        _ => Err(ParamError::new(
            "date_filter",
            "must be one of: date, created, modified",
        )),
    }
}

fn parse_time_param(name: &str, value: &str, edge: Edge) -> Result<DateTime<Utc>, ParamError> {
    parse_time(value, edge).map_err(|error| ParamError::new(name, error))
}

fn parse_count(name: &str, value: &str, max: u32) -> Result<u32, ParamError> {
    let range = format!("must be a whole number from 1 to {max}");
    match value.parse::<u64>() {
        Ok(count) if (1..=u64::from(max)).contains(&count) => Ok(count as u32),
        _ => Err(ParamError::new(name, range)),
    }
}

#[cfg(test)]
mod tests;

//! Demo data: companies, contacts and calls that look like a real sales team's, the same
//! on every run of the same day, and the `demo-token` for Peter Anderson.

use calls_model::{CallFields, CallResult, Company, Contact, ObjectId};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::storage::{Db, NewCall, StorageError};
use crate::tokens::token_hash;

/// The token the demo prints and the docs use.
pub const DEMO_TOKEN: &str = "demo-token";

/// How many calls the demo logs.
pub const DEMO_CALLS: usize = 180;

/// How many of them belong to the first contact, so that its timeline has more than one
/// page at the widget's default page size.
const FIRST_CONTACT_CALLS: usize = 40;

/// How far back the demo's calls go.
const DEMO_DAYS: i64 = 548;

const COMPANIES: [&str; 4] = [
    "Northwind Traders",
    "Acme Logistics",
    "Blue Harbor Health",
    "Kestrel Software",
];

/// (first name, last name, company index, phone number)
const CONTACTS: [(&str, &str, Option<usize>, &str); 14] = [
    ("Ada", "Lovelace", Some(0), "+44 20 7946 0012"),
    ("Grace", "Hopper", Some(0), "+1 (555) 010-2030"),
    ("Ravi", "Patel", Some(0), "+1 555 010 4477"),
    ("Lin", "Zhang", Some(1), "+86 10 5555 0199"),
    ("Marta", "Kowalska", Some(1), "+48 22 555 01 23"),
    ("Tom", "Becker", Some(1), "+49 30 5550 1900"),
    ("Amara", "Okafor", Some(2), "+234 1 555 0100"),
    ("Jonas", "Lind", Some(2), "+46 8 555 012 34"),
    ("Sofia", "Rossi", Some(2), "+39 06 5550 1122"),
    ("Kenji", "Watanabe", Some(3), "+81 3 5550 0147"),
    ("Chloé", "Martin", Some(3), "+33 1 55 50 01 88"),
    ("Diego", "Fernández", Some(3), "+34 91 555 0163"),
    ("Priya", "Nair", None, "+91 22 5550 1234"),
    ("Sam", "O'Neill", None, ""),
];

const AUTHORS: [&str; 3] = ["peter a.", "maria g.", "sam o."];

const CALLED_VIA: [&str; 6] = ["", "Talkdesk", "Aircall", "Skype", "Zoom Phone", "RingCentral"];

const SHORT_NOTES: [&str; 14] = [
    "Quick check-in. All good on their side, renewal expected next month.",
    "Asked for the updated price list; sent it right after the call.",
    "Wants a demo for two more people on their team. Booked for Thursday.",
    "Discussed the delayed shipment. Promised an update by Friday.",
    "Follow-up on the proposal: legal is reviewing, no objections so far.",
    "They are comparing us with two other vendors. Price is the main question.",
    "Introduced the new onboarding programme. Interested, wants the deck.",
    "Confirmed the meeting in person on the 14th, 10:00 at their office.",
    "Support question about invoices, passed on to billing.",
    "Reference call for a prospect went well, happy to do it again.",
    "",
    "Short call, will call back after their board meeting.",
    "Budget approved! Sending the contract today.",
    "Asked to be called back next quarter.",
];

const LONG_NOTES: [&str; 3] = [
    "Long call about the roll-out plan.\n\nThey want to start with the Berlin office (40 seats) in March, then Warsaw and Lisbon in Q2. Main worries:\n- data migration from their old CRM (about 60k contacts)\n- single sign-on with their Azure AD\n- training for the sales team, who are not very technical\n\nAgreed next steps: we send a migration plan and a sample import by next Wednesday; they share a test export. Their IT lead joins the next call.",
    "Renewal negotiation.\n\nThey asked for a 15% discount on a three-year commitment. I said we can do 8% for three years, or 12% if they pay annually upfront. They will discuss internally.\n\nThey also mentioned that their usage of the reporting module is low; offered a free training session to help them get value from it. Follow up in two weeks if we hear nothing.",
    "Escalation: the integration with their phone system dropped calls for two days.\n\nWalked through the timeline with their ops manager. Root cause on our side was fixed on Tuesday; they confirmed no drops since. They want a written incident summary and asked whether a credit is possible.\n\nPromised the summary by tomorrow and to check the credit policy with finance.",
];

/// What the demo put into the database.
#[derive(Debug, Clone)]
pub struct DemoData {
    /// The contact whose timeline the printed link opens.
    pub featured_contact: ObjectId,
    /// The company of that contact.
    pub featured_company: ObjectId,
}

/// Makes sure `demo-token` belongs to Peter Anderson, and fills an empty database with
/// the demo's companies, contacts and calls. A database that already has data is kept.
pub async fn ensure(db: &Db, now: DateTime<Utc>) -> Result<DemoData, StorageError> {
    db.put_user("Peter", "Anderson", &token_hash(DEMO_TOKEN)).await?;
    let (companies, contacts) = directory();
    if db.is_empty().await? {
        let filled = async {
            db.insert_directory(&companies, &contacts).await?;
            db.insert_calls(&calls(&contacts, now)).await
        };
        // Several servers started together on one empty database all find it empty; the
        // first to fill it wins, and the others find its data there.
        if let Err(error) = filled.await
            && db.is_empty().await?
        {
            return Err(error);
        }
    }
    Ok(DemoData {
        featured_contact: contacts[0].id,
        featured_company: companies[0].id,
    })
}

/// A fixed id for the n-th demo record of a kind, so that links into the demo stay valid
/// from one day to the next.
fn demo_id(kind: u8, n: usize) -> ObjectId {
    let n = n as u32;
    let mut unique = [0xde, 0x30, kind, 0, 0, 0, 0, 0];
    unique[4..].copy_from_slice(&n.to_be_bytes());
    ObjectId::from_parts(1_700_000_000, unique)
}

fn directory() -> (Vec<Company>, Vec<Contact>) {
    let companies: Vec<Company> = COMPANIES
        .iter()
        .enumerate()
        .map(|(n, name)| Company {
            id: demo_id(1, n),
            name: (*name).to_owned(),
        })
        .collect();
    let contacts = CONTACTS
        .iter()
        .enumerate()
        .map(|(n, (first, last, company, phone))| Contact {
            id: demo_id(2, n),
            first_name: (*first).to_owned(),
            last_name: (*last).to_owned(),
            company_id: company.map(|index| companies[index].id),
            phone_number: (*phone).to_owned(),
        })
        .collect();
    (companies, contacts)
}

fn calls(contacts: &[Contact], now: DateTime<Utc>) -> Vec<NewCall> {
    let mut random = SplitMix64(0x5eed_ca11);
    let today = now.date_naive();
    (0..DEMO_CALLS)
        .map(|n| {
            let contact = if n < FIRST_CONTACT_CALLS {
                &contacts[0]
            } else {
                &contacts[random.below(contacts.len())]
            };
            // The first contact's newest calls are today and yesterday, so its timeline
            // shows those groups.
            let days_ago = match n {
                0 | 1 => 0,
                2 => 1,
                _ => random.below(DEMO_DAYS as usize) as i64,
            };
            let date = today - TimeDelta::days(days_ago);
            let created_at = created_time(date, &mut random).min(now - TimeDelta::minutes(n as i64));
            let call_result = match random.below(10) {
                0..=4 => CallResult::Conversation,
                5..=7 => CallResult::NoAnswer,
                _ => CallResult::LeftMessage,
            };
            let text = match (&call_result, random.below(8)) {
                (CallResult::Conversation, 0) => LONG_NOTES[random.below(LONG_NOTES.len())].to_owned(),
                (CallResult::Conversation, _) => SHORT_NOTES[random.below(SHORT_NOTES.len())].to_owned(),
                (CallResult::NoAnswer, _) => String::new(),
                _ => "Left a voicemail asking them to call back.".to_owned(),
            };
            let unique = random.next().to_be_bytes();
            let id = ObjectId::from_parts(u32::try_from(created_at.timestamp()).unwrap_or(0), unique);
            let recording_link = if call_result == CallResult::Conversation && random.below(4) == 0 {
                format!("https://recordings.example.com/calls/{id}.mp3")
            } else {
                String::new()
            };
            NewCall {
                id,
                contact_id: contact.id,
                fields: CallFields {
                    date,
                    call_result,
                    text,
                    called_via: CALLED_VIA[random.below(CALLED_VIA.len())].to_owned(),
                    phone_number: contact.phone_number.clone(),
                    recording_link,
                },
                author: AUTHORS[random.below(AUTHORS.len())].to_owned(),
                created_at,
            }
        })
        .collect()
}

/// A moment in office hours (08:00 to 18:00 UTC) of `date`.
fn created_time(date: NaiveDate, random: &mut SplitMix64) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).map(|time| time.and_utc()).unwrap_or_default();
    midnight + TimeDelta::hours(8) + TimeDelta::seconds(random.below(10 * 3600) as i64)
}

/// A small, fixed pseudo-random sequence, so the demo is the same on every run.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_calls_are_deterministic_and_cover_every_result() {
        let now = DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let (_, contacts) = directory();
        let first = calls(&contacts, now);
        let second = calls(&contacts, now);
        assert_eq!(first.len(), DEMO_CALLS);
        assert!(
            first
                .iter()
                .zip(&second)
                .all(|(a, b)| a.id == b.id && a.fields == b.fields)
        );
        for result in CallResult::CHOICES {
            assert!(first.iter().any(|call| call.fields.call_result == result), "{result:?}");
        }
        assert!(first.iter().any(|call| !call.fields.recording_link.is_empty()));
        assert!(first.iter().any(|call| call.fields.text.chars().count() > 400));
        let oldest = first.iter().map(|call| call.fields.date).min().unwrap();
        assert!(now.date_naive() - oldest > TimeDelta::days(365));
        assert!(first.iter().all(|call| call.created_at <= now));
    }
}

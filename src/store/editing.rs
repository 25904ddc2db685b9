//! Calls open in an editor here. A refresh that finds one deleted by someone else keeps
//! it on the page and tells its editor, so that nothing typed is lost: saving logs it
//! again, closing lets it go.

use calls_model::ObjectId;
use leptos::prelude::{RwSignal, Set};

use super::CallStore;
use super::entries::lock;

impl CallStore {
    /// Call `id` is open in an editor (`Some`, with the flag set when the call is found
    /// deleted by someone else), or no longer (`None`).
    pub fn editing(&self, id: ObjectId, gone: Option<RwSignal<bool>>) {
        let mut open = lock(&self.inner.editing);
        open.retain(|(known, _)| *known != id);
        open.extend(gone.map(|gone| (id, gone)));
    }

    /// The calls open in an editor.
    pub(super) fn edited(&self) -> Vec<ObjectId> {
        lock(&self.inner.editing).iter().map(|(id, _)| *id).collect()
    }

    /// Tells the editors of `ids` that their calls were deleted by someone else.
    pub(super) fn tell_gone(&self, ids: &[ObjectId]) {
        let flags: Vec<_> = lock(&self.inner.editing)
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .map(|(_, gone)| *gone)
            .collect();
        for gone in flags {
            // An editor that went meanwhile took its flag with it.
            gone.try_set(true);
        }
    }

    /// Takes a call deleted by someone else off every timeline, once its editor closed.
    pub fn let_go(&self, id: ObjectId) {
        for state in self.states() {
            state.change(|timeline| timeline.remove(id));
        }
    }
}

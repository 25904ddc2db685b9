//! A parsed JSON document, as the readers in [`super::read`] see it. In the browser the
//! browser parses (`JSON.parse`) and the readers walk the resulting JavaScript values,
//! so no JSON parser, serde visitor or float formatter is compiled into the wasm;
//! natively (the unit tests) `serde_json` parses. The readers are the same code for both.

/// One value of a parsed document.
pub trait JsonNode: Sized {
    /// The member `name` of an object; `None` when missing, `null`, or not an object.
    fn member(&self, name: &str) -> Option<Self>;
    /// The value as text, if it is a string.
    fn text(&self) -> Option<String>;
    /// The value as a number, if it is one.
    fn number(&self) -> Option<f64>;
    /// The value as a yes or no, if it is one.
    fn boolean(&self) -> Option<bool>;
    /// The items, if it is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The members, if it is an object.
    fn members(&self) -> Option<Vec<(String, Self)>>;
}

/// A parsed answer.
#[cfg(target_arch = "wasm32")]
pub type Document = wasm_bindgen::JsValue;

/// A parsed answer.
#[cfg(not(target_arch = "wasm32"))]
pub type Document = serde_json::Value;

/// Parses an answer's body.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Option<Document> {
    js_sys::JSON::parse(text).ok()
}

/// Parses an answer's body.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Option<Document> {
    serde_json::from_str(text).ok()
}

#[cfg(target_arch = "wasm32")]
impl JsonNode for wasm_bindgen::JsValue {
    fn member(&self, name: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        js_sys::Reflect::get(self, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).iter().collect())
    }

    fn members(&self) -> Option<Vec<(String, Self)>> {
        use wasm_bindgen::JsCast;
        let object = self
            .dyn_ref::<js_sys::Object>()
            .filter(|_| !js_sys::Array::is_array(self))?;
        Some(
            js_sys::Object::entries(object)
                .iter()
                .filter_map(|entry| {
                    let pair = js_sys::Array::from(&entry);
                    Some((pair.get(0).as_string()?, pair.get(1)))
                })
                .collect(),
        )
    }
}

// Natively for the client, and in every test build (the readers' tests use it).
#[cfg(any(test, not(target_arch = "wasm32")))]
impl JsonNode for serde_json::Value {
    fn member(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|value| !value.is_null()).cloned()
    }

    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }

    fn members(&self) -> Option<Vec<(String, Self)>> {
        self.as_object()
            .map(|object| object.iter().map(|(key, value)| (key.clone(), value.clone())).collect())
    }
}

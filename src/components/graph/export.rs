//! Exporting the drawn graph: the SVG element serialized with its stylesheet inside, downloaded
//! as `manifesto-graph.svg`, or drawn into a canvas and downloaded as `manifesto-graph.png`.
//! Everything stays in the page (blob: URLs).

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

/// The graph's stylesheet, written into the exported SVG so it looks the same on its own.
const GRAPH_CSS: &str = include_str!("../../../static/css/graph.css");

/// The largest side of the exported PNG, in pixels.
const MAX_PNG_SIDE: f64 = 8192.0;

/// File name of the SVG export.
pub const SVG_NAME: &str = "manifesto-graph.svg";
/// File name of the PNG export.
pub const PNG_NAME: &str = "manifesto-graph.png";

fn error(message: &str) -> JsValue {
    JsValue::from_str(message)
}

/// The graph as a standalone SVG document: the whole drawing (not just what is on screen) at
/// its natural size, light theme, stylesheet included.
pub fn svg_document(svg: &Element, width: f64, height: f64) -> Result<String, JsValue> {
    let clone: Element = svg.clone_node_with_deep(true)?.dyn_into()?;
    clone.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    clone.set_attribute("width", &format!("{width:.0}"))?;
    clone.set_attribute("height", &format!("{height:.0}"))?;
    clone.set_attribute("viewBox", &format!("0 0 {width:.0} {height:.0}"))?;
    clone.set_attribute("class", "graph graph-svg graph-export")?;
    for attribute in ["tabindex", "style", "aria-describedby"] {
        clone.remove_attribute(attribute)?;
    }
    if let Some(root) = clone.query_selector("[data-root]")? {
        root.remove_attribute("transform")?;
    }
    // Interactive leftovers: focus rings and keyboard hooks mean nothing in a file.
    let focusable = clone.query_selector_all("[tabindex]")?;
    for i in 0..focusable.length() {
        if let Some(el) = focusable.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            el.remove_attribute("tabindex")?;
        }
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| error("no document"))?;
    let style = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "style")?;
    style.set_text_content(Some(GRAPH_CSS));
    clone.prepend_with_node_1(&style)?;
    serialize(&clone)
}

/// `XMLSerializer().serializeToString(node)`: well-formed XML, text escaped.
fn serialize(node: &Element) -> Result<String, JsValue> {
    let ctor: Function = Reflect::get(&js_sys::global(), &"XMLSerializer".into())?.dyn_into()?;
    let serializer = Reflect::construct(&ctor, &Array::new())?;
    let method: Function = Reflect::get(&serializer, &"serializeToString".into())?.dyn_into()?;
    method
        .call1(&serializer, node)?
        .as_string()
        .ok_or_else(|| error("the SVG could not be serialized"))
}

fn blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
}

/// Offers `blob` as a download named `name`.
fn download(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| error("no document"))?;
    let url = Url::create_object_url_with_blob(blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| error("no body"))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // The download has started from the URL; release it once the browser has read it.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Downloads the graph as `manifesto-graph.svg`.
pub fn download_svg(svg: &Element, width: f64, height: f64) -> Result<(), JsValue> {
    let text = svg_document(svg, width, height)?;
    download(&blob(&text, "image/svg+xml;charset=utf-8")?, SVG_NAME)
}

/// Downloads the graph as `manifesto-graph.png` (twice the natural size when it fits). The
/// drawing happens once the SVG image has loaded; `on_error` hears of a failure after that.
pub fn download_png(
    svg: &Element,
    width: f64,
    height: f64,
    on_error: impl Fn(String) + 'static,
) -> Result<(), JsValue> {
    let text = svg_document(svg, width, height)?;
    let url = Url::create_object_url_with_blob(&blob(&text, "image/svg+xml;charset=utf-8")?)?;
    let image = HtmlImageElement::new()?;
    let scale = (MAX_PNG_SIDE / width.max(height).max(1.0)).min(2.0);
    let on_error = std::rc::Rc::new(on_error);
    {
        let image_for_load = image.clone();
        let url = url.clone();
        let on_error = on_error.clone();
        gloo::events::EventListener::once(&image, "load", move |_| {
            let drawn = draw_png(&image_for_load, width, height, scale, on_error.clone());
            let _ = Url::revoke_object_url(&url);
            if let Err(err) = drawn {
                on_error(describe(&err));
            }
        })
        .forget();
    }
    {
        let url = url.clone();
        gloo::events::EventListener::once(&image, "error", move |_| {
            let _ = Url::revoke_object_url(&url);
            on_error("the browser could not draw the SVG as an image".to_owned());
        })
        .forget();
    }
    image.set_src(&url);
    Ok(())
}

fn draw_png(
    image: &HtmlImageElement,
    width: f64,
    height: f64,
    scale: f64,
    on_error: std::rc::Rc<impl Fn(String) + 'static>,
) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| error("no document"))?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let (w, h) = (
        (width * scale).round().max(1.0),
        (height * scale).round().max(1.0),
    );
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| error("no 2D canvas"))?
        .dyn_into()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, w, h);
    context.draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, w, h)?;
    let done = Closure::once_into_js(move |blob: JsValue| match blob.dyn_into::<Blob>() {
        Ok(blob) => {
            if let Err(err) = download(&blob, PNG_NAME) {
                on_error(describe(&err));
            }
        }
        Err(_) => on_error("the browser could not encode the PNG".to_owned()),
    });
    canvas.to_blob(done.unchecked_ref())
}

/// A JavaScript error in words.
pub fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| {
            Reflect::get(err, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}

//! The picture under the overlay: whatever the page has it as.

use gemini_vision::geometry::ImageSize;
use gemini_vision::{Error, Result};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, HtmlVideoElement, ImageBitmap,
};

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = drawableSize)]
    fn drawable_size(image: &JsValue) -> std::result::Result<JsValue, JsValue>;
}

/// An image the renderer can draw under the overlay.
#[derive(Debug, Clone)]
pub enum ImageSource {
    /// An `<img>`; it must have finished loading.
    Image(HtmlImageElement),
    /// An `ImageBitmap` (`createImageBitmap(file)`).
    Bitmap(ImageBitmap),
    /// Another canvas.
    Canvas(HtmlCanvasElement),
    /// A `<video>`: its current frame.
    Video(HtmlVideoElement),
}

impl ImageSource {
    /// Recognises a JS value as one of the accepted kinds.
    pub fn from_js(value: &JsValue) -> Result<Self> {
        if let Some(image) = value.dyn_ref::<HtmlImageElement>() {
            Ok(ImageSource::Image(image.clone()))
        } else if let Some(bitmap) = value.dyn_ref::<ImageBitmap>() {
            Ok(ImageSource::Bitmap(bitmap.clone()))
        } else if let Some(canvas) = value.dyn_ref::<HtmlCanvasElement>() {
            Ok(ImageSource::Canvas(canvas.clone()))
        } else if let Some(video) = value.dyn_ref::<HtmlVideoElement>() {
            Ok(ImageSource::Video(video.clone()))
        } else {
            Err(Error::invalid(
                "image",
                "expected an HTMLImageElement, ImageBitmap, HTMLCanvasElement or HTMLVideoElement",
            ))
        }
    }

    /// The image's own size in pixels (natural size for `<img>`, video size for `<video>`),
    /// read with the element's own getters: a Proxy, an object made from the prototype,
    /// or an own property shadowing a getter gives an error, where web-sys's getters
    /// would throw through the module (and leave the renderer borrowed for good).
    pub fn size(&self) -> Result<ImageSize> {
        let element: &JsValue = match self {
            ImageSource::Image(i) => i,
            ImageSource::Bitmap(b) => b,
            ImageSource::Canvas(c) => c,
            ImageSource::Video(v) => v,
        };
        let size = drawable_size(element).map_err(|_| {
            Error::invalid(
                "image",
                "the browser cannot read it as an image of its kind",
            )
        })?;
        if size.is_null() {
            return Err(Error::invalid(
                "image",
                "the <img> has not finished loading; await image.decode() first",
            ));
        }
        let side = |i: u32| {
            js_sys::Reflect::get_u32(&size, i)
                .ok()
                .and_then(|v| v.as_f64())
                .filter(|v| v.is_finite() && *v >= 0.0 && *v <= f64::from(u32::MAX))
                .map_or(0, |v| v as u32)
        };
        let (width, height) = (side(0), side(1));
        if width == 0 || height == 0 {
            return Err(Error::invalid(
                "image",
                format!("it is {width}x{height}: not loaded, broken, or a closed bitmap"),
            ));
        }
        ImageSize::new(width, height)
    }

    /// Draws the whole image over `width` x `height` from the top-left corner.
    pub(crate) fn draw(
        &self,
        ctx: &CanvasRenderingContext2d,
        width: f64,
        height: f64,
    ) -> std::result::Result<(), JsValue> {
        match self {
            ImageSource::Image(i) => {
                ctx.draw_image_with_html_image_element_and_dw_and_dh(i, 0.0, 0.0, width, height)
            }
            ImageSource::Bitmap(b) => {
                ctx.draw_image_with_image_bitmap_and_dw_and_dh(b, 0.0, 0.0, width, height)
            }
            ImageSource::Canvas(c) => {
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(c, 0.0, 0.0, width, height)
            }
            ImageSource::Video(v) => {
                ctx.draw_image_with_html_video_element_and_dw_and_dh(v, 0.0, 0.0, width, height)
            }
        }
    }
}

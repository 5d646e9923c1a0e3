//! The picture under the overlay: whatever the page has it as.

use gemini_vision::geometry::ImageSize;
use gemini_vision::{Error, Result};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, HtmlVideoElement, ImageBitmap,
};

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

    /// The image's own size in pixels (natural size for `<img>`, video size for `<video>`).
    pub fn size(&self) -> Result<ImageSize> {
        let (width, height) = match self {
            ImageSource::Image(image) => {
                if !image.complete() {
                    return Err(Error::invalid(
                        "image",
                        "the <img> has not finished loading; await image.decode() first",
                    ));
                }
                (image.natural_width(), image.natural_height())
            }
            ImageSource::Bitmap(bitmap) => (bitmap.width(), bitmap.height()),
            ImageSource::Canvas(canvas) => (canvas.width(), canvas.height()),
            ImageSource::Video(video) => (video.video_width(), video.video_height()),
        };
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

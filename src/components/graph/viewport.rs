//! The part of the drawing on screen: a scale and a translation applied to the root `<g>`,
//! changed through [`ViewAction`]s so quick wheel and drag events never read a stale value.

use std::rc::Rc;

use yew::prelude::*;

/// Space kept around the drawing when it is fitted to the view, in screen pixels.
const FIT_PADDING: f64 = 16.0;

/// Screen position = drawing position × `k` + (`x`, `y`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Horizontal translation, in screen pixels.
    pub x: f64,
    /// Vertical translation, in screen pixels.
    pub y: f64,
    /// Scale.
    pub k: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            x: 0.0,
            y: 0.0,
            k: 1.0,
        }
    }
}

/// A size in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Viewport {
    /// The smallest scale.
    pub const MIN_K: f64 = 0.05;
    /// The largest scale.
    pub const MAX_K: f64 = 4.0;
    /// The smallest scale at which the boxes' text can be read.
    pub const READABLE: f64 = 0.6;
    /// How much one step of the buttons or keys zooms.
    pub const STEP: f64 = 1.25;

    /// The whole drawing, centred, no larger than its natural size.
    pub fn fit(content: Size, view: Size) -> Self {
        if content.w <= 0.0 || content.h <= 0.0 || view.w <= 0.0 || view.h <= 0.0 {
            return Viewport::default();
        }
        let k = ((view.w - 2.0 * FIT_PADDING) / content.w)
            .min((view.h - 2.0 * FIT_PADDING) / content.h)
            .clamp(Self::MIN_K, 1.0);
        Viewport {
            x: (view.w - content.w * k) / 2.0,
            y: (view.h - content.h * k) / 2.0,
            k,
        }
    }

    /// The view a graph opens with: the whole drawing when its text stays readable, else its
    /// top left corner at a readable scale (the rest is a pan or a "Fit" away).
    pub fn initial(content: Size, view: Size) -> Self {
        let fit = Viewport::fit(content, view);
        if fit.k >= Self::READABLE || view.w <= 0.0 {
            return fit;
        }
        Viewport {
            x: FIT_PADDING,
            y: FIT_PADDING,
            k: Self::READABLE,
        }
    }

    /// Zoomed by `factor` around the screen point (`px`, `py`), which stays put.
    pub fn zoom_at(self, factor: f64, px: f64, py: f64) -> Self {
        let k = (self.k * factor).clamp(Self::MIN_K, Self::MAX_K);
        let f = k / self.k;
        Viewport {
            x: px - (px - self.x) * f,
            y: py - (py - self.y) * f,
            k,
        }
    }

    /// Moved by (`dx`, `dy`) screen pixels.
    pub fn pan(self, dx: f64, dy: f64) -> Self {
        Viewport {
            x: self.x + dx,
            y: self.y + dy,
            k: self.k,
        }
    }

    /// Moved so the drawing rectangle (`x`, `y`, `w`, `h`) is on screen: along each axis where
    /// it is not, centred on it; unchanged along an axis where it already is.
    pub fn reveal(self, (x, y, w, h): (f64, f64, f64, f64), view: Size) -> Self {
        let inside = |start: f64, length: f64, room: f64| start >= 0.0 && start + length <= room;
        let (left, top) = (x * self.k + self.x, y * self.k + self.y);
        Viewport {
            x: if inside(left, w * self.k, view.w) {
                self.x
            } else {
                view.w / 2.0 - (x + w / 2.0) * self.k
            },
            y: if inside(top, h * self.k, view.h) {
                self.y
            } else {
                view.h / 2.0 - (y + h / 2.0) * self.k
            },
            k: self.k,
        }
    }

    /// The SVG `transform` of the root group.
    pub fn transform(&self) -> String {
        format!(
            "translate({:.2} {:.2}) scale({:.4})",
            self.x, self.y, self.k
        )
    }
}

/// The part of a large drawing that is drawn: what is on screen and a screen's worth around it,
/// in drawing coordinates, snapped outward to a grid as large as the screen (in drawing units,
/// rounded up to a power of two). Small pans and zooms keep the same window, so nothing is
/// redrawn; the browser then only moves or scales what is already drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Window {
    /// Below this scale the boxes' text is too small to read, and a large drawing leaves it out.
    pub const FAR: f64 = 0.3;
    /// The screen size assumed before the canvas is on screen.
    pub const FIRST_VIEW: Size = Size {
        w: 1600.0,
        h: 1000.0,
    };

    /// The window around what `viewport` shows of the drawing in a view of size `view`.
    pub fn around(viewport: Viewport, view: Size) -> Window {
        let view = if view.w > 0.0 && view.h > 0.0 {
            view
        } else {
            Self::FIRST_VIEW
        };
        let k = viewport.k.max(Viewport::MIN_K);
        let (w, h) = (view.w / k, view.h / k);
        let (left, top) = (-viewport.x / k, -viewport.y / k);
        let cell = w.max(h).log2().ceil().exp2();
        let down = |v: f64| (v / cell).floor() * cell;
        let up = |v: f64| (v / cell).ceil() * cell;
        Window {
            left: down(left - w),
            top: down(top - h),
            right: up(left + 2.0 * w),
            bottom: up(top + 2.0 * h),
        }
    }

    /// The part of the window over a drawing of size `drawing`: once the window holds the whole
    /// drawing, zooming further out or panning keeps the same window (nothing is redrawn).
    pub fn within(self, drawing: Size) -> Window {
        Window {
            left: self.left.max(0.0),
            top: self.top.max(0.0),
            right: self.right.min(drawing.w),
            bottom: self.bottom.min(drawing.h),
        }
    }

    /// How much larger than `self` a window already drawn may be and still be kept.
    const KEEP_AREA: f64 = 16.0;

    /// `self`, or `drawn` (the window drawn last) when that holds all of `self` and is at most
    /// [`Self::KEEP_AREA`] times its area: zooming in a few steps and back out again keeps what
    /// is drawn, where removing the boxes and drawing them again takes longer than keeping them.
    pub fn or_kept(self, drawn: Option<Window>) -> Window {
        match drawn {
            Some(drawn)
                if drawn.contains(&self) && drawn.area() <= Self::KEEP_AREA * self.area() =>
            {
                drawn
            }
            _ => self,
        }
    }

    fn contains(&self, other: &Window) -> bool {
        self.left <= other.left
            && self.top <= other.top
            && self.right >= other.right
            && self.bottom >= other.bottom
    }

    fn area(&self) -> f64 {
        (self.right - self.left).max(0.0) * (self.bottom - self.top).max(0.0)
    }

    /// Whether the rectangle (`x`, `y`, `w`, `h`) is at least partly inside.
    pub fn holds(&self, x: f64, y: f64, w: f64, h: f64) -> bool {
        x <= self.right && x + w >= self.left && y <= self.bottom && y + h >= self.top
    }
}

/// A change of the viewport.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewAction {
    /// Zoom around a screen point.
    ZoomAt {
        /// The factor (> 1 zooms in).
        factor: f64,
        /// The point, from the view's left.
        x: f64,
        /// The point, from the view's top.
        y: f64,
    },
    /// Pan by screen pixels.
    Pan(f64, f64),
    /// Show a rectangle of the drawing (if it is not already on screen).
    Reveal((f64, f64, f64, f64), Size),
    /// Replace the viewport.
    Set(Viewport),
}

/// The viewport state of the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ViewState {
    /// The viewport.
    pub viewport: Viewport,
    /// Whether it has been fitted once (or moved by the user).
    pub placed: bool,
}

impl Reducible for ViewState {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let v = self.viewport;
        let viewport = match action {
            ViewAction::ZoomAt { factor, x, y } => v.zoom_at(factor, x, y),
            ViewAction::Pan(dx, dy) => v.pan(dx, dy),
            ViewAction::Reveal(rect, view) => v.reveal(rect, view),
            ViewAction::Set(viewport) => viewport,
        };
        if viewport == v && self.placed {
            return self;
        }
        Rc::new(ViewState {
            viewport,
            placed: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Size = Size { w: 800.0, h: 600.0 };

    #[test]
    fn fitting_centres_the_drawing_without_enlarging_it() {
        // 768 of the 800 pixels are left once padded.
        let big = Viewport::fit(
            Size {
                w: 1536.0,
                h: 600.0,
            },
            VIEW,
        );
        assert!((big.k - 0.5).abs() < 1e-9, "{big:?}");
        assert!(
            (big.x - 16.0).abs() < 1e-9 && (big.y - 150.0).abs() < 1e-9,
            "{big:?}"
        );
        let small = Viewport::fit(Size { w: 100.0, h: 50.0 }, VIEW);
        assert_eq!(small.k, 1.0);
        assert_eq!((small.x, small.y), (350.0, 275.0));
        assert_eq!(
            Viewport::fit(Size { w: 100.0, h: 50.0 }, Size { w: 0.0, h: 0.0 }),
            Viewport::default()
        );
    }

    #[test]
    fn a_large_drawing_opens_readable_at_its_top_left_corner() {
        let small = Size { w: 900.0, h: 500.0 };
        assert_eq!(Viewport::initial(small, VIEW), Viewport::fit(small, VIEW));
        let wide = Viewport::initial(
            Size {
                w: 2000.0,
                h: 500.0,
            },
            VIEW,
        );
        assert_eq!(
            wide,
            Viewport {
                x: 16.0,
                y: 16.0,
                k: Viewport::READABLE
            }
        );
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor_and_stays_in_bounds() {
        let v = Viewport {
            x: 10.0,
            y: 20.0,
            k: 1.0,
        };
        let z = v.zoom_at(2.0, 110.0, 220.0);
        // The drawing point under (110, 220) was (100, 200); it still is.
        assert_eq!(((110.0 - z.x) / z.k, (220.0 - z.y) / z.k), (100.0, 200.0));
        assert_eq!(v.zoom_at(1000.0, 0.0, 0.0).k, Viewport::MAX_K);
        assert_eq!(v.zoom_at(0.0001, 0.0, 0.0).k, Viewport::MIN_K);
    }

    #[test]
    fn the_window_holds_the_screen_and_a_margin_and_stays_put_for_small_moves() {
        let v = Viewport {
            x: -1000.0,
            y: -500.0,
            k: 0.5,
        };
        let window = Window::around(v, VIEW);
        // On screen: x 2000..3600 and y 1000..2200 of the drawing.
        assert!(window.holds(2000.0, 1000.0, 1600.0, 1200.0), "{window:?}");
        assert!(
            window.left <= 400.0 && window.right >= 5200.0,
            "a screen either side: {window:?}"
        );
        assert!(
            window.top <= -200.0 && window.bottom >= 3400.0,
            "{window:?}"
        );
        assert!(
            !window.holds(20_000.0, 1000.0, 200.0, 40.0),
            "far away: {window:?}"
        );
        assert!(
            !window.holds(2000.0, 20_000.0, 200.0, 40.0),
            "far below: {window:?}"
        );
        // A few pixels of panning or a small zoom keep the same window: nothing is redrawn.
        assert_eq!(Window::around(v.pan(12.0, -7.0), VIEW), window);
        assert_eq!(Window::around(v.zoom_at(1.1, 400.0, 300.0), VIEW), window);
        // Panning a whole screen away moves it, and it still holds what is on screen.
        let moved = Window::around(v.pan(-4000.0, 0.0), VIEW);
        assert_ne!(moved, window);
        assert!(moved.holds(10_000.0, 1000.0, 1600.0, 1200.0), "{moved:?}");
    }

    /// The window over `drawing` of the viewport `v`, in a view of size [`VIEW`].
    fn window_at(v: Viewport, drawing: Size) -> Window {
        Window::around(v, VIEW).within(drawing)
    }

    #[test]
    fn a_window_holding_the_whole_drawing_stays_the_same_as_the_view_moves() {
        let drawing = Size {
            w: 3000.0,
            h: 40_000.0,
        };
        let fitted = Viewport::fit(drawing, VIEW);
        let whole = window_at(fitted, drawing);
        assert_eq!(
            whole,
            Window {
                left: 0.0,
                top: 0.0,
                right: 3000.0,
                bottom: 40_000.0
            }
        );
        assert_eq!(window_at(fitted.zoom_at(1.3, 400.0, 300.0), drawing), whole);
        assert_eq!(window_at(fitted.pan(40.0, -25.0), drawing), whole);
        // Zoomed in, only a part of it.
        let part = window_at(fitted.zoom_at(12.0, 400.0, 300.0), drawing);
        assert!(part.bottom - part.top < 40_000.0, "{part:?}");
    }

    #[test]
    fn zooming_in_a_few_steps_and_out_again_keeps_the_window_drawn() {
        let drawing = Size {
            w: 30_000.0,
            h: 40_000.0,
        };
        let fitted = Viewport::fit(drawing, VIEW);
        let window_at = |v: Viewport| window_at(v, drawing);
        let whole = window_at(fitted);
        let closer = fitted.zoom_at(2.5, 400.0, 300.0);
        assert_ne!(window_at(closer), whole, "on its own, a smaller window");
        assert_eq!(window_at(closer).or_kept(Some(whole)), whole);
        assert_eq!(window_at(fitted).or_kept(Some(whole)), whole);
        // Much closer, the window drawn is left for a small one.
        let much_closer = fitted.zoom_at(40.0, 400.0, 300.0);
        assert_eq!(
            window_at(much_closer).or_kept(Some(whole)),
            window_at(much_closer)
        );
        // A window that does not hold the new one is never kept: panning away draws anew.
        let part = window_at(much_closer);
        let away = window_at(much_closer.pan(-20_000.0, 0.0));
        assert_eq!(away.or_kept(Some(part)), away);
        assert_eq!(part.or_kept(None), part);
    }

    #[test]
    fn the_window_before_the_canvas_is_on_screen_assumes_a_screen() {
        let window = Window::around(Viewport::default(), Size { w: 0.0, h: 0.0 });
        assert!(window.holds(0.0, 0.0, 1600.0, 1000.0), "{window:?}");
        assert!(!window.holds(10_000.0, 0.0, 200.0, 40.0), "{window:?}");
    }

    #[test]
    fn revealing_moves_only_when_the_box_is_off_screen() {
        let v = Viewport {
            x: 0.0,
            y: 0.0,
            k: 1.0,
        };
        assert_eq!(v.reveal((10.0, 10.0, 200.0, 40.0), VIEW), v);
        let moved = v.reveal((1000.0, 900.0, 200.0, 40.0), VIEW);
        assert_eq!((moved.x, moved.y), (400.0 - 1100.0, 300.0 - 920.0));
        // Only the axis where it is off screen moves.
        let below = v.reveal((100.0, 900.0, 200.0, 40.0), VIEW);
        assert_eq!((below.x, below.y), (0.0, 300.0 - 920.0));
    }
}

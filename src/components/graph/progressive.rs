//! Drawing a large graph a little at a time: the boxes and edges in the window that were drawn
//! stay, and at most [`NEW_PER_FRAME`] more are added per frame, so a zoom or a fit that brings
//! a thousand boxes into view never blocks the page; the rest follow in the next frames.

/// How many boxes and edges may be added to the drawing in one frame.
pub const NEW_PER_FRAME: usize = 200;

/// What is drawn of one drawing, frame after frame.
#[derive(Debug, Default)]
pub struct Progressive {
    /// The drawing these flags are about (its address, compared only).
    drawing: usize,
    boxes: Vec<bool>,
    edges: Vec<bool>,
}

/// The boxes and edges to draw this frame, by their place in the layout.
#[derive(Debug, PartialEq)]
pub struct Frame {
    /// The boxes, in layout order.
    pub boxes: Vec<usize>,
    /// The edges, in layout order.
    pub edges: Vec<usize>,
    /// Some in the window wait for a later frame.
    pub pending: bool,
}

impl Progressive {
    /// This frame's boxes and edges of `drawing` (any value that changes with it, e.g. its
    /// address), given which of them are in the window: those drawn before that are still in it,
    /// then new ones (boxes first) up to [`NEW_PER_FRAME`].
    pub fn frame(&mut self, drawing: usize, box_inside: &[bool], edge_inside: &[bool]) -> Frame {
        if drawing != self.drawing
            || box_inside.len() != self.boxes.len()
            || edge_inside.len() != self.edges.len()
        {
            *self = Progressive {
                drawing,
                boxes: vec![false; box_inside.len()],
                edges: vec![false; edge_inside.len()],
            };
        }
        let mut room = NEW_PER_FRAME;
        let mut pending = false;
        let mut choose = |drawn: &mut [bool], inside: &[bool]| -> Vec<usize> {
            let mut chosen = Vec::new();
            for (i, (was, &now)) in drawn.iter_mut().zip(inside).enumerate() {
                if !now {
                    *was = false;
                } else if *was {
                    chosen.push(i);
                } else if room > 0 {
                    room -= 1;
                    *was = true;
                    chosen.push(i);
                } else {
                    pending = true;
                }
            }
            chosen
        };
        let boxes = choose(&mut self.boxes, box_inside);
        let edges = choose(&mut self.edges, edge_inside);
        Frame {
            boxes,
            edges,
            pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_window_is_drawn_over_several_frames_boxes_first() {
        let mut drawn = Progressive::default();
        let (boxes, edges) = (
            vec![true; 2 * NEW_PER_FRAME + 50],
            vec![true; NEW_PER_FRAME],
        );
        let first = drawn.frame(1, &boxes, &edges);
        assert_eq!(first.boxes, (0..NEW_PER_FRAME).collect::<Vec<_>>());
        assert!(first.edges.is_empty() && first.pending);
        let mut last = first;
        let mut frames = 1;
        while last.pending {
            let next = drawn.frame(1, &boxes, &edges);
            let added = next.boxes.len() + next.edges.len() - last.boxes.len() - last.edges.len();
            assert!(added <= NEW_PER_FRAME, "{added} added in one frame");
            assert!(
                next.edges.is_empty() || next.boxes.len() == boxes.len(),
                "boxes come first"
            );
            last = next;
            frames += 1;
        }
        assert_eq!(
            (last.boxes.len(), last.edges.len()),
            (boxes.len(), edges.len())
        );
        assert_eq!(
            frames,
            4,
            "{} boxes and edges, {NEW_PER_FRAME} a frame",
            3 * NEW_PER_FRAME + 50
        );
    }

    #[test]
    fn what_leaves_the_window_goes_and_comes_back_as_new() {
        let mut drawn = Progressive::default();
        let all = vec![true; 10];
        assert!(!drawn.frame(1, &all, &[]).pending);
        let half: Vec<bool> = (0..10).map(|i| i < 5).collect();
        assert_eq!(drawn.frame(1, &half, &[]).boxes, vec![0, 1, 2, 3, 4]);
        assert_eq!(drawn.frame(1, &all, &[]).boxes.len(), 10);
    }

    #[test]
    fn another_drawing_starts_again() {
        let mut drawn = Progressive::default();
        let many = vec![true; NEW_PER_FRAME + 1];
        drawn.frame(1, &many, &[]);
        assert_eq!(drawn.frame(1, &many, &[]).boxes.len(), NEW_PER_FRAME + 1);
        let other = drawn.frame(2, &many, &[]);
        assert_eq!(other.boxes.len(), NEW_PER_FRAME);
        assert!(other.pending);
    }
}

//! [`Shared`]: a shared value compared by identity, for props and hook dependencies.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` compared by identity, never by content: the reducer makes a new allocation whenever
/// the value changes (a new analysis is a new review and model), so props that hold one
/// re-render only when it is new, and comparing them costs nothing however large the value is.
/// (An `Rc<T>` compared as itself compares the whole value, e.g. every finding of a review.)
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// The value `rc` points to, shared.
    pub fn new(rc: &Rc<T>) -> Self {
        Shared(rc.clone())
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

/// Props of this type take an `Rc` as it is: `review={state.review.clone()}`.
impl<T> yew::html::IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_in_two_allocations_differ_and_one_allocation_equals_itself() {
        let a = Rc::new(vec![1, 2, 3]);
        let b = Rc::new(vec![1, 2, 3]);
        assert_eq!(Shared::new(&a), Shared::new(&a));
        assert_ne!(Shared::new(&a), Shared::new(&b));
        assert_eq!(*Shared::new(&a), vec![1, 2, 3]);
    }
}

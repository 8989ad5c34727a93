//! Image references split into name, tag and digest.

use crate::checks::Context;
use crate::model::{ContainerRef, Object};

/// An image reference split into its parts: `registry/path:tag@digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ImageRef<'a> {
    /// Everything before the tag and digest, e.g. `ghcr.io/acme/web`.
    pub name: &'a str,
    /// The tag, if written.
    pub tag: Option<&'a str>,
    /// The digest (`sha256:…`), if written.
    pub digest: Option<&'a str>,
}

/// Splits an image reference. The tag is what follows the last `:` after the last `/`, so a
/// registry port (`localhost:5000/web`) is not mistaken for a tag.
pub(crate) fn parse_image(image: &str) -> ImageRef<'_> {
    let (rest, digest) = match image.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (image, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => ImageRef {
            name: &rest[..last_slash + i],
            tag: Some(&rest[last_slash + i + 1..]),
            digest,
        },
        None => ImageRef {
            name: rest,
            tag: None,
            digest,
        },
    }
}

/// A container whose image is not pinned by a digest, with the object that runs it.
pub(crate) struct UnpinnedImage<'a> {
    /// The object that runs the container.
    pub obj: &'a Object,
    /// The container.
    pub container: ContainerRef<'a>,
    /// The image as written.
    pub image: &'a str,
    /// The image's parts.
    pub parsed: ImageRef<'a>,
}

/// Every container of the model whose image is written but not pinned by a digest, in model
/// order.
pub(crate) fn unpinned_images<'a>(ctx: &Context<'a>) -> Vec<UnpinnedImage<'a>> {
    let mut out = Vec::new();
    for obj in ctx.model.pod_owners() {
        for container in obj.containers() {
            let Some(image) = container.container.image.as_deref() else {
                continue;
            };
            let parsed = parse_image(image);
            if parsed.digest.is_none() {
                out.push(UnpinnedImage {
                    obj,
                    container,
                    image,
                    parsed,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references_split_into_name_tag_and_digest() {
        let image = |name, tag, digest| ImageRef { name, tag, digest };
        assert_eq!(parse_image("nginx"), image("nginx", None, None));
        assert_eq!(
            parse_image("nginx:1.27"),
            image("nginx", Some("1.27"), None)
        );
        assert_eq!(
            parse_image("localhost:5000/web"),
            image("localhost:5000/web", None, None)
        );
        assert_eq!(
            parse_image("localhost:5000/web:v2"),
            image("localhost:5000/web", Some("v2"), None)
        );
        assert_eq!(
            parse_image("web@sha256:abc"),
            image("web", None, Some("sha256:abc"))
        );
        assert_eq!(
            parse_image("web:1@sha256:abc"),
            image("web", Some("1"), Some("sha256:abc"))
        );
    }
}

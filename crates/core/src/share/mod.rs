//! Share links: a whole workspace packed into a URL fragment, and Secret values replaced by
//! placeholders before it leaves the page.
//!
//! A link is `v1.` followed by the workspace as JSON, deflated and written in base64url. Reading
//! one bounds everything before allocating: the text's length, the inflated size (a
//! decompression bomb is refused, never inflated in full) and the number of files.

mod redact;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

pub use redact::{PLACEHOLDER, PLACEHOLDER_BASE64, has_secret_values, redact_secrets};

/// The prefix of every link payload this version writes.
pub const PREFIX: &str = "v1.";
/// The longest payload read (in characters), a little over what [`MAX_INFLATED`] deflates to.
pub const MAX_ENCODED: usize = 12 * 1024 * 1024;
/// The largest workspace JSON a payload may inflate to.
pub const MAX_INFLATED: usize = 8 * 1024 * 1024;
/// The most files a shared workspace may hold.
pub const MAX_FILES: usize = 2_000;
/// The longest link the share dialog offers; above it, the single-file download is offered.
pub const MAX_LINK: usize = 32 * 1024;

/// One file of a shared workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedFile {
    /// Its name as shown in every location.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The review settings a workspace carries: what the page keeps of [`crate::checks::Settings`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSettings {
    /// Checks turned off although on by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disabled: Vec<String>,
    /// Opt-in checks turned on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enabled: Vec<String>,
    /// The targeted Kubernetes version as (major, minor); `None` means the newest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_version: Option<(u32, u32)>,
    /// The namespace of objects that name none; `None` means `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_namespace: Option<String>,
}

impl SharedSettings {
    /// The shareable part of `settings`.
    pub fn of(settings: &crate::checks::Settings) -> Self {
        SharedSettings {
            disabled: settings.disabled.iter().cloned().collect(),
            enabled: settings.enabled.iter().cloned().collect(),
            target_version: settings.target_version,
            default_namespace: settings.default_namespace.clone(),
        }
    }

    /// Settings with these values; ids the registry does not know are dropped.
    pub fn to_settings(&self) -> crate::checks::Settings {
        let known = |id: &&String| crate::checks::by_id(id).is_some();
        crate::checks::Settings {
            disabled: self.disabled.iter().filter(known).cloned().collect(),
            enabled: self.enabled.iter().filter(known).cloned().collect(),
            target_version: self.target_version,
            default_namespace: self.default_namespace.clone(),
            ..crate::checks::Settings::default()
        }
    }
}

/// The moment the rollout view shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRollout {
    /// The id of the workload rolling out.
    pub workload: String,
    /// The new image tag.
    pub tag: String,
    /// Whether the new version never becomes ready.
    #[serde(default)]
    pub fail_new: bool,
    /// Whether `kubectl rollout undo` is shown.
    #[serde(default)]
    pub undo: bool,
    /// The step shown: 0 before the change, k once pass k has settled.
    #[serde(default)]
    pub step: usize,
}

/// The level open when a workspace was shared, and its pack when it is not built in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedLesson {
    /// The pack's id.
    pub pack: String,
    /// The level's id within the pack.
    pub level: String,
    /// The whole pack as a lesson pack file ([`crate::lesson::to_yaml`]), for a pack the page
    /// does not ship (a teacher's); `None` for a built-in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_yaml: Option<String>,
    /// The ids of the pack's levels the student has done, so the link shows their progress.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<String>,
}

/// The longest pack or level id a link may name.
pub const MAX_LESSON_ID: usize = 200;

/// A snapshot of what the user is looking at, as a link carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// The files, in order.
    pub files: Vec<SharedFile>,
    /// The name of the file shown in the editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_file: Option<String>,
    /// The key of the view shown (`objects`, `graph`, `rollout`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// The id of the selected object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    /// The rollout shown: its workload, choices and step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<SharedRollout>,
    /// The review settings.
    #[serde(default)]
    pub settings: SharedSettings,
    /// The level open, with its pack when that is not built in, and the levels of that pack
    /// done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<SharedLesson>,
    /// The Compare view's baseline: the files the workspace is compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Vec<SharedFile>>,
}

/// Why a link could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The payload does not start with a known version.
    #[error("the link is not a Manifesto share link (it does not start with `{PREFIX}`)")]
    UnknownVersion,
    /// The payload is longer than any workspace link.
    #[error("the link is too long ({0} characters; at most {MAX_ENCODED} are read)")]
    TooLong(usize),
    /// The payload is not base64url.
    #[error("the link is damaged: it is not base64url text (was it cut short?)")]
    NotBase64,
    /// The payload is not deflated data.
    #[error("the link is damaged: its content does not decompress (was it cut short?)")]
    NotDeflate,
    /// The payload inflates to more than [`MAX_INFLATED`] bytes.
    #[error("the link unpacks to more than {} MB and was refused", MAX_INFLATED / 1024 / 1024)]
    TooLarge,
    /// The content is not a workspace.
    #[error("the link does not hold a workspace: {0}")]
    NotWorkspace(String),
    /// The workspace and its baseline hold more than [`MAX_FILES`] files.
    #[error("the link holds {0} files; at most {MAX_FILES} are opened")]
    TooManyFiles(usize),
    /// The lesson's ids, pack or progress are larger than any lesson's.
    #[error("the link's lesson is too large (ids of at most {MAX_LESSON_ID} characters, a pack of at most {} MB and {} levels)", crate::lesson::MAX_PACK_BYTES / 1024 / 1024, crate::lesson::MAX_LEVELS)]
    LessonTooLarge,
}

/// The link payload for `workspace`: `v1.` and the deflated JSON in base64url.
pub fn encode(workspace: &Workspace) -> String {
    // Serialising plain strings, numbers and maps with string keys cannot fail.
    let json = serde_json::to_vec(workspace).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 10);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The workspace in a link payload (what follows `#share=`), with every size bounded first.
pub fn decode(payload: &str) -> Result<Workspace, ShareError> {
    let payload = payload.trim();
    if payload.len() > MAX_ENCODED {
        return Err(ShareError::TooLong(payload.len()));
    }
    let body = payload
        .strip_prefix(PREFIX)
        .ok_or(ShareError::UnknownVersion)?;
    // Links pasted from some places keep padding; base64url without it is what we write.
    let deflated = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|_| ShareError::NotBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::NotDeflate,
        })?;
    let workspace: Workspace =
        serde_json::from_slice(&json).map_err(|e| ShareError::NotWorkspace(e.to_string()))?;
    let files = workspace.files.len() + workspace.baseline.as_ref().map_or(0, Vec::len);
    if files > MAX_FILES {
        return Err(ShareError::TooManyFiles(files));
    }
    if let Some(lesson) = &workspace.lesson
        && (lesson.pack.len() > MAX_LESSON_ID
            || lesson.level.len() > MAX_LESSON_ID
            || lesson
                .pack_yaml
                .as_ref()
                .is_some_and(|y| y.len() > crate::lesson::MAX_PACK_BYTES)
            || lesson.done.len() > crate::lesson::MAX_LEVELS
            || lesson.done.iter().any(|id| id.len() > MAX_LESSON_ID))
    {
        return Err(ShareError::LessonTooLarge);
    }
    Ok(workspace)
}

#[cfg(test)]
mod tests;

//! An environment's posture: the stage's defaults, the document's choices and the reason for
//! every setting weaker than production-grade.

use super::{Problems, defaults, text};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::EnvironmentDoc;
use crate::estate::Posture;
use crate::vocabulary::Redundancy;

/// The posture of `environment` at `path`; a weaker setting without a reason, or a reason for
/// nothing, is a problem.
pub(super) fn resolve(
    environment: &EnvironmentDoc,
    path: &str,
    problems: &mut Problems,
) -> Posture {
    let doc = &environment.posture;
    let name = environment.name.as_str();
    let stage = environment.stage;
    let posture_path = format!("{path}/posture");

    let storage_redundancy = doc
        .storage_redundancy
        .unwrap_or_else(|| defaults::default_redundancy(stage));
    let reason_path = format!("{posture_path}/storage-redundancy-reason");
    let storage_redundancy_reason = match (&doc.storage_redundancy_reason, storage_redundancy) {
        (Some(reason), Redundancy::Local) => {
            text::check_reason(problems, &reason_path, reason);
            Some(reason.clone())
        }
        (Some(_), redundancy) => {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    reason_path,
                    format!(
                        "storage of `{name}` is `{redundancy}`-redundant, so it needs no reason"
                    ),
                )
                .with_help("only locally redundant storage needs a reason: remove it")
                .on_key(),
            );
            None
        }
        (None, Redundancy::Local) => {
            let reason = defaults::local_redundancy_reason(stage);
            if reason.is_none() {
                problems.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("{posture_path}/storage-redundancy"),
                        format!("storage of `{name}`, a {stage} environment, is locally redundant without a reason"),
                    )
                    .with_help("choose `geo` or `zone`, or say why in `storage-redundancy-reason`"),
                );
            }
            reason.map(str::to_owned)
        }
        (None, _) => None,
    };

    let purge_protection = doc.purge_protection.unwrap_or(true);
    let reason_path = format!("{posture_path}/purge-protection-reason");
    let purge_protection_reason = match (&doc.purge_protection_reason, purge_protection) {
        (Some(reason), false) => {
            text::check_reason(problems, &reason_path, reason);
            Some(reason.clone())
        }
        (Some(_), true) => {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    reason_path,
                    format!("key vaults of `{name}` have purge protection, so it needs no reason"),
                )
                .with_help("only turning purge protection off needs a reason: remove it")
                .on_key(),
            );
            None
        }
        (None, false) => {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{posture_path}/purge-protection"),
                    format!("purge protection of `{name}` is off without a reason"),
                )
                .with_help("say why in `purge-protection-reason`, or leave purge protection on"),
            );
            None
        }
        (None, true) => None,
    };

    Posture {
        storage_redundancy,
        storage_redundancy_reason,
        purge_protection,
        purge_protection_reason,
    }
}

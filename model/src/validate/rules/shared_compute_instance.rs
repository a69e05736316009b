//! One compute instance per data scientist: no object id twice in a project.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::SharedComputeInstance,
        default_severity: Severity::Error,
        summary: "each data scientist has their own compute instance",
        description: "The CAF guidance gives every data scientist one compute instance, assigned to their Entra user. Two entries of a project with the same object id give one person two instances and leave the other name pointing at someone else's identity.",
        help: "use each data scientist's own Entra object id",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (_, project) in cx.estate.projects() {
        let mut first: BTreeMap<_, &crate::estate::DataScientist> = BTreeMap::new();
        for person in &project.data_scientists {
            match first.get(&person.object_id) {
                Some(earlier) => {
                    let message = format!(
                        "data scientists `{}` and `{}` of `{}` share the object id `{}`",
                        earlier.name, person.name, project.name, person.object_id,
                    );
                    let finding = RULE
                        .finding(format!("{}/object-id", person.path), message)
                        .with_related(format!("{}/object-id", earlier.path), "first used here");
                    cx.push(finding);
                }
                None => {
                    first.insert(person.object_id, person);
                }
            }
        }
    }
}

//! Every test environment promotes into another environment.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::Context;
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::TestPromotesNowhere,
        default_severity: Severity::Warning,
        summary: "every test environment promotes into another environment",
        description: "A test environment exists to test models before they move on, in the CAF guidance into production. One that no environment promotes from tests models that never go anywhere: usually a production environment forgot it in `promotes-from`.",
        help: "list the test environment in the `promotes-from` of the environment that follows it",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    for (id, environment) in cx.estate.environments() {
        if environment.stage != Stage::Test {
            continue;
        }
        let promoted = cx
            .estate
            .environments()
            .any(|(_, other)| other.promotes_from.contains(&id));
        if promoted {
            continue;
        }
        let message = format!(
            "no environment promotes from test environment `{}`",
            environment.name
        );
        cx.push(RULE.finding(environment.path.clone(), message));
    }
}

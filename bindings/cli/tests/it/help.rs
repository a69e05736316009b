//! `--help` of every command, as goldens.

use super::mlzone;

#[test]
fn help_goldens() {
    for command in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["validate", "--help"],
        vec!["generate", "--help"],
        vec!["explain", "--help"],
        vec!["diff", "--help"],
        vec!["schema", "--help"],
        vec!["graph", "--help"],
        vec!["show", "--help"],
        vec!["audit", "--help"],
        vec!["completions", "--help"],
    ] {
        let output = mlzone()
            .args(&command)
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(output.status.success(), "{command:?}");
        let name = command.join("-").replace("--", "");
        insta::assert_snapshot!(name, String::from_utf8(output.stdout).unwrap());
    }
}

#[test]
fn no_command_is_a_usage_error() {
    mlzone().assert().code(2);
}

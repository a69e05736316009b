//! The reference library parses, and the evaluator's verdicts match hand-checked tables.

use super::*;

#[test]
fn every_reference_file_parses() {
    let library = Library::reference();
    assert_eq!(library.errors(), &[] as &[(String, PolicyError)]);
    assert_eq!(library.definitions().len(), 44);
    assert_eq!(library.set_definitions().len(), 3);
    assert_eq!(library.assignments().len(), 3);
}

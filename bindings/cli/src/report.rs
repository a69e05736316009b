//! Printing findings: human (miette), JSON; exit codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::ValueEnum;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity};
use mlzone_model::validate::Report;
use mlzone_model::{Code, Diagnostic, IndexedSource, Located, Location, Source, Span};

use crate::cli::Failure;
use crate::input::{Input, ReadError};
use crate::snippet::{Excerpt, Label};
use crate::terminal;

/// Findings were errors.
pub(crate) const EXIT_ERRORS: u8 = 1;
/// The input could not be used at all, or the command line was wrong.
pub(crate) const EXIT_UNUSABLE: u8 = 2;

/// How findings are printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Source snippets with labels and help, on standard error.
    Human,
    /// A JSON array of diagnostics on standard output.
    Json,
    /// A SARIF 2.1.0 log on standard output, for code scanning.
    Sarif,
}

/// Loads the document, validates it and prints every finding; with `quiet`, people see only
/// the errors and no summary (JSON and SARIF are requested output and stay whole).
pub(crate) fn validate(input: &Input, format: OutputFormat, quiet: bool) -> ExitCode {
    let (mut diagnostics, located) = match input.load() {
        Ok(loaded) => {
            let report = mlzone_model::validate::check(&loaded.estate);
            (loaded.located.locate(report.diagnostics), loaded.located)
        }
        Err(diagnostics) => {
            let located = Located {
                source: source_of(input),
                map: mlzone_model::SourceMap::new(),
            };
            (diagnostics, located)
        }
    };
    let code = exit_code(&diagnostics);
    match format {
        OutputFormat::Human if quiet => {
            diagnostics.retain(Diagnostic::is_error);
            print_human(&diagnostics, located.source.as_ref(), false);
        }
        OutputFormat::Human => {
            print_human(&diagnostics, located.source.as_ref(), true);
            if diagnostics.is_empty() {
                eprintln!("{}: no problems found", terminal::escaped(&input.name));
            }
        }
        OutputFormat::Json | OutputFormat::Sarif => {
            print_for_programs(diagnostics, &located, format)
        }
    }
    code
}

/// Reports a document that could not be read: for programs as an `unreadable-input`
/// diagnostic on standard output, so that they always get a report; for people as a failure.
pub(crate) fn unreadable(error: ReadError, format: OutputFormat) -> Result<ExitCode, Failure> {
    if matches!(format, OutputFormat::Human) {
        return Err(error.into());
    }
    let diagnostics = vec![mlzone_model::load::unreadable(error.to_string())];
    let code = exit_code(&diagnostics);
    let located = Located {
        source: None,
        map: mlzone_model::SourceMap::new(),
    };
    print_for_programs(diagnostics, &located, format);
    Ok(code)
}

/// Prints findings as JSON (an array of diagnostics) or SARIF, on standard output.
fn print_for_programs(diagnostics: Vec<Diagnostic>, located: &Located, format: OutputFormat) {
    let text = if matches!(format, OutputFormat::Sarif) {
        serde_json::to_string_pretty(&Report { diagnostics }.to_sarif(located))
    } else {
        serde_json::to_string_pretty(&diagnostics)
    };
    let _ = writeln!(std::io::stdout().lock(), "{}", text.unwrap_or_default());
}

/// Prints findings for people, on standard error; with `summary`, their count after them.
pub(crate) fn print_findings(diagnostics: &[Diagnostic], source: Option<&Source>, summary: bool) {
    print_human(diagnostics, source, summary);
}

/// Prints the diagnostics of a document that did not load.
pub(crate) fn failed_load(input: &Input, diagnostics: &[Diagnostic]) -> ExitCode {
    print_human(diagnostics, source_of(input).as_ref(), true);
    exit_code(diagnostics)
}

fn source_of(input: &Input) -> Option<Source> {
    String::from_utf8(input.bytes.clone())
        .ok()
        .map(|text| Source::new(input.name.clone(), text))
}

fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    if diagnostics
        .iter()
        .any(|d| d.is_error() && d.code.is_unusable_input())
    {
        ExitCode::from(EXIT_UNUSABLE)
    } else if diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::from(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints findings for people on standard error, with a count of errors and warnings after
/// them when `summary` is set.
fn print_human(diagnostics: &[Diagnostic], source: Option<&Source>, summary: bool) {
    if diagnostics.is_empty() {
        return;
    }
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme);
    // An oversized input is not worth indexing: no finding about it shows a snippet.
    let snippets = diagnostics
        .iter()
        .any(|d| d.location.is_some() && d.code != Code::InputTooLarge);
    let indexed = source.filter(|_| snippets).map(Source::indexed);
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = write!(stderr, "{}", render(&handler, diagnostic, indexed.as_ref()));
    }
    if summary {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        let _ = writeln!(stderr, "{errors} error(s), {warnings} warning(s)");
    }
}

/// One finding as the human report prints it.
fn render(
    handler: &GraphicalReportHandler,
    diagnostic: &Diagnostic,
    lines: Option<&IndexedSource<'_>>,
) -> String {
    let mut out = String::new();
    let shown = Shown::new(diagnostic, lines);
    if handler.render_report(&mut out, &shown).is_err() {
        out = format!("{}\n", terminal::escaped(&diagnostic.to_string()));
    }
    out
}

/// A diagnostic as miette sees it: its text escaped for the terminal, its labels in the
/// excerpt of the document it shows.
#[derive(Debug)]
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<Excerpt>,
    labels: Vec<LabeledSpan>,
}

impl<'a> Shown<'a> {
    fn new(diagnostic: &'a Diagnostic, lines: Option<&IndexedSource<'_>>) -> Self {
        // An oversized input is not worth a snippet: its first line may be megabytes.
        let lines = lines.filter(|_| diagnostic.code != Code::InputTooLarge);
        let main = diagnostic.location.as_ref().map(|location| {
            let text = if diagnostic.path.is_empty() {
                "here".to_owned()
            } else {
                format!("at `{}`", terminal::escaped(&diagnostic.path))
            };
            (text, location)
        });
        let related = diagnostic.related.iter().filter_map(|related| {
            let location = related.location.as_ref()?;
            Some((terminal::escaped(&related.message).into_owned(), location))
        });
        let located: Vec<(String, &Location)> = main.into_iter().chain(related).collect();
        let spans = located.iter().map(|(_, location)| Label {
            span: Span::new(location.offset, location.length),
            column: location.column.saturating_sub(1),
        });
        let spans: Vec<Label> = spans.collect();
        let (source, shown) = match lines.filter(|_| !spans.is_empty()) {
            Some(lines) => {
                let (excerpt, shown) = Excerpt::new(lines, &spans);
                (Some(excerpt), shown)
            }
            None => (None, spans.iter().map(|label| label.span).collect()),
        };
        let labels = located
            .into_iter()
            .zip(shown)
            .enumerate()
            .map(|(index, ((text, _), span))| {
                let span = (span.offset, span.length);
                if index == 0 && diagnostic.location.is_some() {
                    LabeledSpan::new_primary_with_span(Some(text), span)
                } else {
                    LabeledSpan::new_with_span(Some(text), span)
                }
            })
            .collect();
        Self {
            diagnostic,
            source,
            labels,
        }
    }
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&terminal::escaped(&self.diagnostic.message))?;
        if self.diagnostic.location.is_none() && !self.diagnostic.path.is_empty() {
            write!(f, " (at `{}`)", terminal::escaped(&self.diagnostic.path))?;
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(if self.diagnostic.is_error() {
            Severity::Error
        } else {
            Severity::Warning
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|help| Box::new(terminal::escaped(help)) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.clone().into_iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a finding at `span` with a related place at `related`, as the report does.
    fn rendered(source: &Source, span: Span, related: Span) -> String {
        let indexed = source.indexed();
        let mut diagnostic = Diagnostic::error(Code::Syntax, "/a", "m")
            .with_location(Some(indexed.location(span)))
            .with_related("/b", "first here");
        if let Some(first) = diagnostic.related.first_mut() {
            first.location = Some(indexed.location(related));
        }
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
        render(&handler, &diagnostic, Some(&indexed))
    }

    #[test]
    fn every_span_of_awkward_text_renders_at_its_location() {
        let long = "x".repeat(400);
        let texts = [
            format!("a: 1\r\nb: \u{1b}[2J\t😀é中\rc: 3\n\n{long}é{long}\n"),
            "\r\r\n\n\t\u{7f}\u{85}".to_owned(),
            format!("{long}\r{long}"),
        ];
        for text in texts {
            let source = Source::new("a.yaml", text.clone());
            let indexed = source.indexed();
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .step_by(7)
                .collect();
            for &offset in &boundaries {
                for &end in boundaries.iter().filter(|&&end| end >= offset).take(4) {
                    let span = Span::new(offset, end - offset);
                    let related = Span::new(boundaries[boundaries.len() / 2], 1.min(text.len()));
                    let out = rendered(&source, span, related);
                    let location = indexed.location(span);
                    let header = format!("[a.yaml:{}:{}]", location.line, location.column);
                    assert!(out.contains(&header), "{span:?}: {header} in\n{out}");
                    assert!(
                        !out.chars().any(|c| c.is_control() && c != '\n'),
                        "{span:?}:\n{out}"
                    );
                    assert!(out.lines().all(|line| line.chars().count() < 400), "{out}");
                }
            }
        }
    }
}

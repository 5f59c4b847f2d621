//! The testable core of the CLI: argument parsing and the text operations.
//! `main.rs` only wires these to stdin, files and the process exit code.

use std::fmt;

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Count lines, words and bytes of a file (or stdin when `None`).
    Count(Option<String>),
    /// Upper-case the input.
    Upper(Option<String>),
    Help,
    Version,
}

/// A usage mistake, reported with exit code 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let command = match args.next() {
        None => return Ok(Command::Help),
        Some(c) => c,
    };
    let operand = args.next().filter(|a| a != "-");
    if let Some(extra) = args.next() {
        return Err(UsageError(format!("unexpected argument '{}'", extra)));
    }
    match command.as_str() {
        "count" => Ok(Command::Count(operand)),
        "upper" => Ok(Command::Upper(operand)),
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        other => Err(UsageError(format!("unknown command '{}' (try --help)", other))),
    }
}

/// Line, word and byte counts, like `wc`.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
pub struct Counts {
    pub lines: usize,
    pub words: usize,
    pub bytes: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} lines, {} words, {} bytes", self.lines, self.words, self.bytes)
    }
}

/// Counts lines (newline characters), whitespace-separated words and bytes.
pub fn count(text: &str) -> Counts {
    Counts {
        lines: text.matches('\n').count(),
        words: text.split_whitespace().count(),
        bytes: text.len(),
    }
}

/// Upper-cases text (Unicode-aware).
pub fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// The help text for `--help`.
pub fn help(program: &str) -> String {
    format!(
        "Usage: {p} <command> [FILE]\n\nCommands:\n  count [FILE]   count lines, words and bytes\n  upper [FILE]   print the input in upper case\n\nOptions:\n  -h, --help     show this help\n  -V, --version  show the version\n",
        p = program
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_commands_and_operands() {
        assert_eq!(parse_args(args(&["count", "a.txt"])), Ok(Command::Count(Some("a.txt".into()))));
        assert_eq!(parse_args(args(&["upper", "-"])), Ok(Command::Upper(None)));
        assert_eq!(parse_args(args(&[])), Ok(Command::Help));
        assert_eq!(parse_args(args(&["--version"])), Ok(Command::Version));
    }

    #[test]
    fn rejects_unknown_commands_and_extra_arguments() {
        assert!(parse_args(args(&["frobnicate"])).unwrap_err().0.contains("unknown command"));
        assert!(parse_args(args(&["count", "a", "b"])).unwrap_err().0.contains("unexpected argument 'b'"));
    }

    #[test]
    fn counts_like_wc() {
        assert_eq!(count("one two\nthree\n"), Counts { lines: 2, words: 3, bytes: 14 });
        assert_eq!(count(""), Counts::default());
    }

    #[test]
    fn upper_cases_unicode() {
        assert_eq!(upper("straße"), "STRASSE");
    }
}

//! Entry point: reads input, runs the command from `lib.rs`, maps failures to exit codes.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use std::fs;

fn read_input(path: &Option<String>) -> io::Result<String> {
    match path {
        Some(p) => fs::read_to_string(p),
        None => {
            let mut text = String::new();
            io::stdin().read_to_string(&mut text)?;
            Ok(text)
        }
    }
}

fn run(program: &str) -> Result<String, (u8, String)> {
    let command = cli_core::parse_args(std::env::args().skip(1)).map_err(|e| (2, e.to_string()))?;
    let io_error = |path: &Option<String>, e: io::Error| {
        (1, format!("cannot read {}: {}", path.as_deref().unwrap_or("stdin"), e))
    };
    Ok(match command {
        cli_core::Command::Help => cli_core::help(program),
        cli_core::Command::Version => format!("{} {}\n", program, env!("CARGO_PKG_VERSION")),
        cli_core::Command::Count(path) => {
            let text = read_input(&path).map_err(|e| io_error(&path, e))?;
            format!("{}\n", cli_core::count(&text))
        }
        cli_core::Command::Upper(path) => cli_core::upper(&read_input(&path).map_err(|e| io_error(&path, e))?),
    })
}

fn main() -> ExitCode {
    let program = env!("CARGO_PKG_NAME");
    match run(program) {
        Ok(out) => {
            let _ = io::stdout().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            eprintln!("{}: {}", program, message);
            ExitCode::from(code)
        }
    }
}

//! The `codeExecution` tool, answered honestly: the model "writes" a short Python
//! program over what the prompt contains (the sum of its numbers, or its word count),
//! the emulator computes what that program prints, and says the result.

use super::functions::numbers;

/// A program, what it printed, and the sentence that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeRun {
    /// The Python source (`executableCode.code`).
    pub code: String,
    /// What it printed (`codeExecutionResult.output`).
    pub output: String,
    /// The model's closing text.
    pub summary: String,
}

/// Python's `repr` of a float for the values this program prints (Rust's shortest
/// round-trip form is the same digits).
fn python_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The run for `prompt`.
pub fn run(prompt: &str) -> CodeRun {
    let found = numbers(prompt);
    if found.is_empty() {
        let count = prompt.split_whitespace().count();
        let literal = serde_json::to_string(prompt).unwrap_or_else(|_| "\"\"".into());
        return CodeRun {
            code: format!("words = {literal}.split()\nprint(len(words))\n"),
            output: format!("{count}\n"),
            summary: format!("Your prompt has {count} words."),
        };
    }
    let all_whole = found.iter().all(|value| value.fract() == 0.0);
    let listed: Vec<String> = found
        .iter()
        .map(|value| {
            if all_whole {
                python_number(*value)
            } else {
                format!("{value:?}")
            }
        })
        .collect();
    let total: f64 = found.iter().sum();
    let shown = python_number(total);
    CodeRun {
        code: format!("numbers = [{}]\nprint(sum(numbers))\n", listed.join(", ")),
        output: format!("{shown}\n"),
        summary: format!("The sum of the numbers in your prompt is {shown}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sums_the_numbers_of_the_prompt() {
        let run = run("What is 2 plus 40? Use code.");
        assert_eq!(run.code, "numbers = [2, 40]\nprint(sum(numbers))\n");
        assert_eq!(run.output, "42\n");
        assert_eq!(run.summary, "The sum of the numbers in your prompt is 42.");
    }

    #[test]
    fn counts_words_without_numbers() {
        let run = run("count my words please");
        assert_eq!(run.output, "4\n");
        assert!(
            run.code
                .starts_with("words = \"count my words please\".split()")
        );
    }

    proptest! {
        #[test]
        fn the_output_is_what_the_summary_says(prompt in "\\PC{0,80}") {
            let run = run(&prompt);
            let printed = run.output.trim_end().to_string();
            prop_assert!(run.summary.contains(&printed));
        }
    }
}

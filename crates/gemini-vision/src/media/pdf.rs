//! PDF page count by scanning for page objects, without a PDF parser.

/// Counts `/Type /Page` objects (not `/Pages`). A heuristic: it works for PDFs that
/// store page objects uncompressed (most of them); PDFs that pack their objects into
/// compressed object streams give `None`, as does anything with no page found.
pub fn pdf_page_count(bytes: &[u8]) -> Option<u64> {
    const KEY: &[u8] = b"/Type";
    let mut count = 0u64;
    let mut rest = bytes;
    while let Some(at) = find(rest, KEY) {
        let after = rest.get(at + KEY.len()..).unwrap_or_default();
        let value = trim_pdf_space(after);
        if let Some(tail) = value.strip_prefix(b"/Page")
            && !tail.first().is_some_and(|b| b.is_ascii_alphanumeric())
        {
            count += 1;
        }
        rest = after;
    }
    (count > 0).then_some(count)
}

fn trim_pdf_space(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0'))
        .count();
    bytes.get(skip..).unwrap_or_default()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_and_the_page_tree_is_not() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n\
                    2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n\
                    3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n";
        assert_eq!(pdf_page_count(pdf), Some(2));
    }

    #[test]
    fn no_page_object_is_none() {
        assert_eq!(pdf_page_count(b"%PDF-1.7\n<< /Type /ObjStm >>"), None);
    }
}

//! Attached PDFs that would abort the reader or be placed as blank pages: each made in the test
//! (`common::pdf`), attached to the sample packet, refused by `check` and `build` with the file
//! named, never a crash.

use super::common::TempProject;
use super::common::pdf::{flate_stream, nested, page_objects, pdf, pdf_with_object_stream};
use super::run_bounded;

const ATTACHMENT: &str = "content/koganei-seishin/attachments/shien-jokyo.pdf";

/// `check` and `build` both refuse the attachment with `expected` in the message, exit 1.
fn refused(bytes: &[u8], expected: &str) {
    let p = TempProject::sample();
    std::fs::write(p.path().join(ATTACHMENT), bytes).unwrap();
    for command in ["check", "build"] {
        let (code, out) = run_bounded(&p, &[command]);
        assert_eq!(code, 1, "{command}: {out}");
        assert!(
            out.contains("attachments/shien-jokyo.pdf") && out.contains(expected),
            "{command}: {out}"
        );
        assert!(!out.contains("overflow"), "{command}: {out}");
    }
}

#[test]
fn a_whole_pdf_made_here_is_accepted() {
    // The writer below makes PDFs the reader takes, so a refusal in the other tests is theirs.
    for bytes in [
        pdf(&page_objects(2)),
        pdf_with_object_stream(&page_objects(2), &[1, 2, 3, 5]),
    ] {
        assert_eq!(shiryo::load::images::pdf::check(&bytes), Ok(2));
    }
}

#[test]
fn nesting_inside_a_compressed_object_stream_is_refused_not_a_crash() {
    let mut objects = page_objects(2);
    objects[0] = format!("<< /Type /Catalog /Pages 2 0 R /Deep {} >>", nested(10_000)).into_bytes();
    refused(
        &pdf_with_object_stream(&objects, &[1, 2, 3]),
        "PDF として読めません",
    );
    // A page nested deep inside the stream: the reader would find one page of two.
    let mut objects = page_objects(2);
    objects[4] = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Deep {} >>",
        nested(10_000)
    )
    .into_bytes();
    refused(
        &pdf_with_object_stream(&objects, &[1, 2, 3, 5]),
        "途中で切れているか、壊れています",
    );
}

#[test]
fn nesting_after_a_name_ending_in_stream_is_refused() {
    let mut objects = page_objects(1);
    objects[0] = format!(
        "<< /Type /Catalog /Pages 2 0 R /Xstream\n{} >>",
        nested(10_000)
    )
    .into_bytes();
    refused(&pdf(&objects), "入れ子が深すぎます");
}

#[test]
fn a_pdf_cut_short_is_refused_not_placed_blank() {
    let whole = pdf(&page_objects(2));
    refused(
        &whole[..whole.len() / 2],
        "途中で切れているか、壊れています",
    );
    // The end is there but the second page's content is not: gone, or cut short.
    let mut objects = page_objects(2);
    objects[5] = b"null".to_vec();
    refused(&pdf(&objects), "2 ページ目が読めません");
    let mut objects = page_objects(2);
    let content: String = (0..200)
        .map(|i| format!("{i} {i} m 500 700 l S\n"))
        .collect();
    objects[5] = flate_stream(b"", content.as_bytes());
    let whole = objects[5].clone();
    let data_at = whole.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    // The stream's data cut after 40 bytes, its `endstream` kept (its length no longer matches).
    let cut = [&whole[..data_at + 40], b"\nendstream".as_slice()].concat();
    objects[5] = cut;
    refused(&pdf(&objects), "2 ページ目が読めません");
}

#[test]
fn a_page_tree_that_loops_ends() {
    let mut objects = page_objects(2);
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R 2 0 R 5 0 R] /Count 2 >>".to_vec();
    let p = TempProject::sample();
    std::fs::write(p.path().join(ATTACHMENT), pdf(&objects)).unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert!(code == 0 || code == 1, "{out}");
    assert!(!out.contains("overflow"), "{out}");
}

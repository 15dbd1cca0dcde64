//! Attached PDFs cut, nested, bracketed, looped and flipped: refused with a message, never a crash.

use super::*;

/// The bytes an attached PDF may be replaced with, what they are, and whether they must be
/// refused (a PDF that cannot be read in full).
fn attachment_mutants(rng: &mut Rng, real: &[u8]) -> Vec<(Vec<u8>, String, bool)> {
    let mut out = Vec::new();
    // Cut short anywhere: as a failed copy or download leaves it.
    for _ in 0..6 {
        let at = 1 + rng.below(real.len() - 2);
        out.push((
            real[..at].to_vec(),
            format!("the real PDF cut at byte {at}"),
            true,
        ));
    }
    let made = pdf_with_object_stream(&page_objects(3), &[1, 2, 3, 5, 7]);
    for _ in 0..3 {
        let at = 1 + rng.below(made.len() - 2);
        out.push((
            made[..at].to_vec(),
            format!("an object-stream PDF cut at byte {at}"),
            true,
        ));
    }
    // Nested deep where a reader recurses: the catalog, a page, inside the object stream.
    for (depth, packed) in [(300, false), (10_000, false), (300, true), (10_000, true)] {
        let mut objects = page_objects(2);
        objects[2] = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep {} >>",
            nested(depth)
        )
        .into_bytes();
        let bytes = if packed {
            pdf_with_object_stream(&objects, &[1, 2, 3])
        } else {
            pdf(&objects)
        };
        out.push((
            bytes,
            format!("a page nested {depth} deep (object stream: {packed})"),
            true,
        ));
    }
    // Deep nesting inserted at a random place of the real PDF.
    for _ in 0..3 {
        let at = rng.below(real.len());
        let bytes = [&real[..at], nested(20_000).as_bytes(), &real[at..]].concat();
        out.push((
            bytes,
            format!("20,000 brackets inserted at byte {at}"),
            false,
        ));
    }
    // A page tree that loops, and one that names a page twice.
    let mut objects = page_objects(2);
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R 2 0 R] /Count 2 >>".to_vec();
    out.push((pdf(&objects), "a page tree that loops".into(), false));
    // Bytes flipped in the middle of the real PDF.
    for _ in 0..4 {
        let mut bytes = real.to_vec();
        for _ in 0..8 {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
        }
        out.push((bytes, "8 bits flipped".into(), false));
    }
    out
}

#[test]
fn attachment_mutants_never_crash_never_lie_never_touch_output() {
    let p = TempProject::sample();
    let packet = ["build", "koganei-seishin/r6-1-shiryo"];
    let (code, out, err) = p.run(&packet);
    assert_eq!(code, 0, "{out}{err}");
    let attachment = p
        .path()
        .join("content/koganei-seishin/attachments/shien-jokyo.pdf");
    let real = std::fs::read(&attachment).unwrap();
    let mut rng = Rng(0x0A77_AC4E_D0C5_2026);
    let mut failures = Vec::new();
    let (mut refused, mut must) = (0, 0);
    for (bytes, what, must_refuse) in attachment_mutants(&mut rng, &real) {
        must += usize::from(must_refuse);
        std::fs::write(&attachment, &bytes).unwrap();
        let before = output_files(&p);
        let label = format!("attachment mutant: {what}");
        let (code, stdout, stderr) = p.run(&packet);
        match judge(&p, &label, code, &stdout, &stderr, &before) {
            Ok(true) if must_refuse => {
                failures.push(format!(
                    "{label}: built (a PDF that cannot be read in full)"
                ));
            }
            Ok(false) if !stderr.contains("shien-jokyo.pdf") => {
                failures.push(format!(
                    "{label}: the message does not name the file\n{stderr}"
                ));
            }
            Ok(false) => refused += 1,
            Ok(true) => {}
            Err(mut found) => failures.append(&mut found),
        }
    }
    std::fs::write(&attachment, &real).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        refused >= must && must >= 13,
        "{refused} refused, {must} must be"
    );
}

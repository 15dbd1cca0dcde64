//! PDFs written byte by byte for the tests of attached PDFs: whole, cut short, nested deep, with
//! objects in a compressed object stream. Writing them walks no parser, so a PDF that would
//! overflow a reader's stack can be made in the test itself.

use std::io::Write;

/// The objects of a PDF of `pages` pages, each drawing a line: 1 the catalog, 2 the page tree,
/// then each page and its content stream.
pub fn page_objects(pages: usize) -> Vec<Vec<u8>> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    ];
    for i in 0..pages {
        let content = format!("{} {} m 500 700 l S", 10 * i, 20 * i);
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream(b"", content.as_bytes()));
    }
    objects
}

/// A stream object with `dict` entries and `data`, uncompressed.
pub fn stream(dict: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "<< {} /Length {} >>\nstream\n",
        String::from_utf8_lossy(dict),
        data.len()
    )
    .into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A Flate-compressed stream object.
pub fn flate_stream(dict: &[u8], data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    let mut dict = dict.to_vec();
    dict.extend_from_slice(b" /Filter /FlateDecode");
    stream(&dict, &z.finish().unwrap())
}

/// A whole PDF: `objects` (object n is `objects[n - 1]`), an xref table and a trailer whose
/// root is object 1.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A whole PDF whose objects numbered in `packed` (1-based, not streams) are stored in one
/// Flate-compressed object stream, listed by a cross-reference stream, as PDF 1.5 and later
/// writers do.
pub fn pdf_with_object_stream(objects: &[Vec<u8>], packed: &[usize]) -> Vec<u8> {
    let n = objects.len();
    let objstm = n + 1;
    let xref_obj = n + 2;
    // The object stream: pairs "number offset", then the objects.
    let (mut header, mut body) = (String::new(), Vec::new());
    for &k in packed {
        header.push_str(&format!("{k} {} ", body.len()));
        body.extend_from_slice(&objects[k - 1]);
        body.push(b' ');
    }
    let mut data = header.into_bytes();
    let first = data.len();
    data.extend_from_slice(&body);
    let objstm_bytes = flate_stream(
        format!("/Type /ObjStm /N {} /First {first}", packed.len()).as_bytes(),
        &data,
    );

    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    // Entry per object number 0..=xref_obj: (type, field 2, field 3).
    let mut entries = vec![(0u8, 0u32, 65535u16); xref_obj + 1];
    let mut write = |number: usize, bytes: &[u8], out: &mut Vec<u8>| {
        entries[number] = (1, out.len() as u32, 0);
        out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\nendobj\n");
    };
    for (i, object) in objects.iter().enumerate() {
        if !packed.contains(&(i + 1)) {
            write(i + 1, object, &mut out);
        }
    }
    write(objstm, &objstm_bytes, &mut out);
    for (index, &k) in packed.iter().enumerate() {
        entries[k] = (2, objstm as u32, index as u16);
    }
    let xref_at = out.len();
    entries[xref_obj] = (1, xref_at as u32, 0);
    let mut rows = Vec::new();
    for (t, a, b) in &entries {
        rows.push(*t);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    }
    let xref = stream(
        format!("/Type /XRef /Size {} /W [1 4 2] /Root 1 0 R", xref_obj + 1).as_bytes(),
        &rows,
    );
    out.extend_from_slice(format!("{xref_obj} 0 obj\n").as_bytes());
    out.extend_from_slice(&xref);
    out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// `[[[…]]]` nested `depth` deep.
pub fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

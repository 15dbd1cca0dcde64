//! The smallest ZIP writer a Word file needs: deflated entries, one central directory, no
//! extras, every entry dated 1980-01-01 so that the same content gives the same bytes.
//! (`flate2` is already a dependency; a ZIP crate would add only this.)

use std::io::Write as _;

/// A ZIP archive of `parts` (name, bytes), in the order given.
pub fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in parts {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(bytes);
        let data = enc.finish().unwrap_or_default();
        let offset = out.len() as u32;
        let head = |sig: u32, central: bool| {
            let mut h = Vec::with_capacity(46 + name.len());
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by: 2.0
            }
            h.extend(20u16.to_le_bytes()); // needed: 2.0
            h.extend(0x0800u16.to_le_bytes()); // names in UTF-8
            h.extend(8u16.to_le_bytes()); // deflated
            h.extend(0u16.to_le_bytes()); // 00:00
            h.extend(0x21u16.to_le_bytes()); // 1980-01-01
            h.extend(crc.sum().to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((bytes.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(head(0x0403_4b50, false));
        out.extend(&data);
        central.extend(head(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    let size = central.len() as u32;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // this disk, the directory's disk
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_archive_reads_back() {
        let zip = super::archive(&[("a.xml", b"<a/>"), ("word/b.xml", "日本語".as_bytes())]);
        // The end record names two entries; each local header carries its name.
        assert_eq!(&zip[zip.len() - 22..zip.len() - 18], b"PK\x05\x06");
        assert_eq!(zip[zip.len() - 12], 2);
        assert!(zip.windows(10).any(|w| w == b"word/b.xml"));
        let mut d = flate2::read::DeflateDecoder::new(&zip[30 + 5..]);
        let mut s = String::new();
        std::io::Read::read_to_string(&mut d, &mut s).unwrap();
        assert_eq!(s, "<a/>");
    }
}

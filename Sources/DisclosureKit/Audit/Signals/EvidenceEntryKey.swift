import Foundation

/// Keys of the metadata entries the format handlers add for the evidence scanner,
/// beyond the fields they already expose.
public enum EvidenceEntryKey {
    /// A link target: `<a href>`, `<img src>`, a Markdown link destination, a DOCX hyperlink.
    public static let link = "link"
    /// A C2PA manifest store found in the document; the value is the readable text inside it
    /// (or the address of an external manifest).
    public static let c2paManifest = "c2pa-manifest"
}

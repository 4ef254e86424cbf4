import Foundation

/// Keys of the metadata entries the format handlers add for the evidence scanner,
/// beyond the fields they already expose.
public enum EvidenceEntryKey {
    /// A link target: `<a href>`, `<img src>`, a Markdown link destination, a DOCX hyperlink.
    public static let link = "link"
    /// A C2PA manifest store found in the document; the value is the readable text inside it
    /// (or the address of an external manifest).
    public static let c2paManifest = "c2pa-manifest"
    /// Content that acts when the document is opened or clicked (a PDF's JavaScript or launch
    /// action); the value says what it is. Reported, never run.
    public static let activeContent = "active-content"
    /// A file embedded in the document; the value is its name as text (never used as a path).
    public static let embeddedFile = "embedded-file"
}

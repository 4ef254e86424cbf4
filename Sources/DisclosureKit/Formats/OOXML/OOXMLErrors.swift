import Foundation

/// Errors shared by the Office Open XML formats, worded for the kind of document.
enum OOXMLErrors {
    /// A part that is not usable XML: "ppt/slides/slide2.xml is not usable XML at line 3, column 7: …".
    static func xml(_ error: XMLScanError, part: String, path: String, wording: PackageWording) -> DisclosureError {
        if let unavailable = error.libraryUnavailable(path: path) { return unavailable }
        let at = error.line.map { " at line \($0)" + (error.column.map { ", column \($0)" } ?? "") } ?? ""
        let kind = wording.documentNoun.split(separator: " ").last.map(String.init) ?? "file"
        return .unreadable(path: path, reason: "\(part) is not usable XML\(at): \(error.message)",
                           hint: "The \(kind) may be damaged. Open it in \(wording.programs) and save it again, then retry.")
    }

    /// A part whose root element is not closed, so nothing can be spliced into it.
    static func damaged(_ part: String, path: String, wording: PackageWording) -> DisclosureError {
        .unreadable(path: path, reason: "\(part) has no closing root element",
                    hint: "The package is damaged; open it in \(wording.programs.components(separatedBy: " or ").first ?? wording.programs) and save it again.")
    }
}

extension DisclosureError {
    /// A PDF encrypted with a user or an owner password. Disclose never decrypts a PDF or drops
    /// its encryption.
    static func encryptedPDF(path: String) -> DisclosureError {
        .encrypted(
            path: path, reason: "the PDF is encrypted (it has a password, to open it or to restrict changes), so Disclose does not read or change it: it never decrypts a PDF or removes its protection",
            hint: "Ask the author for an unencrypted copy (or, if you may, save one without the password in a PDF editor) and run the command on that copy.")
    }
}

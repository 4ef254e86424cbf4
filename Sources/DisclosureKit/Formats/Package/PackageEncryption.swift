extension DisclosureError {
    /// An office document (Word, PowerPoint, OpenDocument) saved with a password: an encrypted
    /// zip entry, an ODF manifest's encryption data, or an OLE compound file with `EncryptionInfo`.
    static func encryptedPackage(path: String) -> DisclosureError {
        .encrypted(
            path: path, reason: "the document is encrypted or password-protected, so it cannot be read",
            hint: "Save an unprotected copy (in Word: File › Info › Protect Document › Encrypt with Password, clear the password; in LibreOffice: File › Save As with \"Save with password\" unticked) and run the command on that copy.")
    }
}

import Foundation

/// Safety limits for reading a page's text. A page past one of them ends in
/// ``DisclosureError/limitExceeded(path:what:limit:)``, never a hang or a crash.
struct PDFTextLimits: Sendable {
    /// Decoded content stream bytes read for one page, form XObjects (each time drawn) included.
    var maxContentBytes = 256 << 20
    /// Content stream operators run for one page, form XObjects included.
    var maxOperators = 20_000_000
    /// Glyphs shown on one page.
    var maxGlyphs = 4_000_000
    /// Form XObjects drawn inside form XObjects, this deep at most.
    var maxFormDepth = 16
    /// `q` nested deeper than this is ignored (with its `Q`), so memory stays bounded.
    var maxGraphicsStateDepth = 1024

    static let standard = PDFTextLimits()
}

import DiscloseTestSupport
import DisclosureKit
import Foundation
import Testing

/// "Adding a format adds a folder and one registry line": these tests read the source tree and
/// fail when code outside a format's folder uses that format's types, or when a place that shows
/// the supported formats writes them out by hand instead of asking the registry.
@Suite struct FormatBoundaryTests {
    static let root = TestRepository.root
    static let formats = root.appendingPathComponent("Sources/DisclosureKit/Formats")
    /// Folders under `Formats/` that hold code several formats share and no format's own types.
    static let sharedFolders: Set<String> = ["Package", "Shared", "TextEncoding", "OOXML"]

    /// Top-level type names declared in each format folder.
    static func formatTypes() throws -> [String: String] {
        var names: [String: String] = [:]
        let pattern = try NSRegularExpression(pattern: #"^(?:(?:public|internal|fileprivate|private|final|indirect)\s+)*(?:struct|class|enum|protocol|typealias|actor)\s+([A-Za-z_]\w*)"#, options: [.anchorsMatchLines])
        for folder in try FileManager.default.contentsOfDirectory(atPath: formats.path).sorted() where !sharedFolders.contains(folder) {
            var isDir: ObjCBool = false
            let url = formats.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else { continue }
            for file in try swiftFiles(under: url) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let r = Range(match.range(at: 1), in: text) { names[String(text[r])] = folder }
                }
            }
        }
        return names
    }

    static func swiftFiles(under url: URL) throws -> [URL] {
        let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        return (e?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// Lines of code (comments left out) in `file` that name one of `names`.
    static func uses(of names: [String: String], in file: URL, except folder: String?) throws -> [String] {
        var found: [String] = []
        let text = try String(contentsOf: file, encoding: .utf8)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") || code.hasPrefix("*") { continue }
            for (name, owner) in names where owner != folder {
                if line.range(of: "\\b\(name)\\b", options: .regularExpression) != nil {
                    found.append("\(file.path.replacingOccurrences(of: root.path + "/", with: "")):\(n + 1) uses \(name) (Formats/\(owner))")
                }
            }
        }
        return found
    }

    @Test func theFormatFoldersDeclareTypes() throws {
        // Guards the test itself: it must see the handlers it is meant to fence in.
        let names = try Self.formatTypes()
        for handler in FormatRegistry.standard.handlers {
            #expect(names.keys.contains(String(describing: type(of: handler))), "\(type(of: handler)) not found under Formats/")
        }
    }

    @Test func noCodeOutsideAFormatFolderUsesThatFormatsTypes() throws {
        let names = try Self.formatTypes()
        var violations: [String] = []
        for target in ["Sources/DisclosureKit", "Sources/disclose", "Sources/DiscloseServer", "Sources/DiscloseFuzzTargets"] {
            for file in try Self.swiftFiles(under: Self.root.appendingPathComponent(target)) {
                let path = file.path
                let formatFolder: String? = path.hasPrefix(Self.formats.path + "/")
                    ? String(path.dropFirst(Self.formats.path.count + 1).split(separator: "/").first ?? "") : nil
                if let formatFolder, formatFolder.hasSuffix(".swift") {
                    // FormatHandler.swift, FormatRegistry.swift, BuiltInHandlers.swift: the registry line names each handler once.
                    if file.lastPathComponent == "BuiltInHandlers.swift" { continue }
                    violations += try Self.uses(of: names, in: file, except: nil)
                } else if let formatFolder, Self.sharedFolders.contains(formatFolder) {
                    violations += try Self.uses(of: names, in: file, except: nil)
                } else {
                    violations += try Self.uses(of: names, in: file, except: formatFolder)
                }
            }
        }
        #expect(violations.isEmpty, Comment(rawValue: "format types used outside their folder:\n" + violations.joined(separator: "\n")))
    }

    @Test func theBuiltInListNamesEveryFormatFolderOnce() throws {
        let text = try String(contentsOf: Self.formats.appendingPathComponent("BuiltInHandlers.swift"), encoding: .utf8)
        for handler in FormatRegistry.standard.handlers {
            let name = String(describing: type(of: handler))
            #expect(text.components(separatedBy: name + "()").count == 2, "\(name) should be registered exactly once")
        }
    }

    @Test func noHelpTextOrMessageListsTheFormatsByHand() throws {
        // The lists people read come from the registry; a literal such as ".docx, .md" would go stale
        // the day a format is added.
        let literals = [#"\.docx, \.md"#, #"\.md, \.html"#, #"Word \(\.docx\), Markdown"#, #"\.docx, \.md, \.html"#]
        var found: [String] = []
        for target in ["Sources/DisclosureKit", "Sources/disclose", "Sources/DiscloseServer"] {
            for file in try Self.swiftFiles(under: Self.root.appendingPathComponent(target)) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    for literal in literals where line.range(of: literal, options: .regularExpression) != nil {
                        found.append("\(file.lastPathComponent):\(n + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(100))")
                    }
                }
            }
        }
        #expect(found.isEmpty, Comment(rawValue: "format lists written by hand:\n" + found.joined(separator: "\n")))
    }

    @Test func theDocsNameEveryRegisteredFormat() throws {
        // The README's format list and the handler contract's table are written by hand; this
        // keeps them in step with the registry.
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let contract = try String(contentsOf: Self.formats.appendingPathComponent("README.md"), encoding: .utf8)
        let names = try Self.formatTypes()
        for handler in FormatRegistry.standard.handlers {
            #expect(readme.contains("." + handler.primaryExtension), "README.md does not mention .\(handler.primaryExtension)")
            let folder = try #require(names[String(describing: type(of: handler))])
            #expect(contract.contains("`\(folder)/`"), "Formats/README.md does not name the folder \(folder)/")
        }
    }

    @Test func theRegistryListsEveryFormatForPeople() {
        let registry = FormatRegistry.standard
        for handler in registry.handlers {
            #expect(registry.extensionList.contains("." + handler.primaryExtension))
            #expect(registry.formatNames.contains(handler.displayName))
            #expect(handler.fileExtensions.contains(handler.primaryExtension), "\(handler.id): its primary extension is one it claims")
        }
        let message = DisclosureError.unsupportedFormat(path: "a.rtf", detail: "extension .rtf").description
        #expect(message.contains(registry.extensionList))
    }

    /// `asPackageSniffer` (how the registry finds the sniffers without a runtime cast) agrees with
    /// the protocol each handler adopts, and no handler writes its own.
    @Test func packageSniffersAreFoundWithoutCasts() throws {
        let handlers = FormatRegistry.standard.handlers
        var sniffers: [String] = []
        for handler in handlers {
            let adopts = handler is any PackageSniffing
            #expect((handler.asPackageSniffer != nil) == adopts, "\(handler.id.rawValue)")
            if adopts { sniffers.append(handler.id.rawValue) }
        }
        #expect(sniffers.contains("docx"))
        #expect(sniffers.count >= 2, "\(sniffers)")
        #expect(sniffers.count < handlers.count, "\(sniffers)")
        var folders: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(at: Self.formats, includingPropertiesForKeys: nil))
        var read = 0
        for case let url as URL in enumerator where url.pathExtension == "swift" && url.lastPathComponent != "FormatHandler.swift" {
            read += 1
            if try String(contentsOf: url, encoding: .utf8).contains("asPackageSniffer:") { folders.append(url.lastPathComponent) }
        }
        #expect(read > 20, "the format folders' sources were not found")
        #expect(folders.isEmpty, "handlers must not write asPackageSniffer themselves: \(folders)")
    }
}

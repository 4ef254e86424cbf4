import ArgumentParser
import DisclosureKit
import Foundation

extension SigningAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(optionName: argument) }
    public static var allValueStrings: [String] { allCases.map(\.optionName) }
    public var defaultValueDescription: String { optionName }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make signing keys and print key ids.",
        discussion: "Keys are Ed25519 or ECDSA P-256, in PEM files other tools (openssl) read. See docs/signing.md.",
        subcommands: [Create.self, ID.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make a key pair: NAME.key.pem (private, mode 0600) and NAME.pub.pem (public).",
            discussion: "The private key is never printed. Give the public key to whoever verifies: disclose verify --trust NAME.pub.pem")

        @Option(help: ArgumentHelp("The key's name; the files are NAME.key.pem and NAME.pub.pem.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The folder to write the key files in.", valueName: "folder"))
        var out: String = "."

        @Option(help: "ed25519 or p256.")
        var algorithm: SigningAlgorithm = .ed25519

        func validate() throws {
            if name.isEmpty || name.contains("/") || name.hasPrefix(".") {
                throw ValidationError("--name must be a plain file name (no /, not starting with a dot), e.g. --name comms-office.")
            }
        }

        func run() throws {
            let key = PrivateSigningKey.generate(algorithm)
            let files = try KeyFile.write(key, name: name, folder: out)
            Output.line("created an \(algorithm.displayName) key")
            Output.line("  key id:      \(key.publicKey.keyID)")
            Output.line("  private key: \(files.privateKey) (mode 0600: keep it to yourself, never share it)")
            Output.line("  public key:  \(files.publicKey) (give this to whoever verifies: --trust \(files.publicKey))")
        }
    }

    struct ID: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "id",
            abstract: "Print the key id of a public key, private key or certificate file.",
            discussion: "The key id is the SHA-256 of the key's DER SubjectPublicKeyInfo, in hex; signatures record it as keyId.")

        @Argument(help: "PEM files.")
        var files: [String]

        func run() throws {
            for file in files {
                let key = try KeyFile.loadPublicKey(at: file)
                Output.line(files.count == 1 ? key.keyID : "\(key.keyID)  \(file) (\(key.algorithm.rawValue))")
            }
        }
    }
}

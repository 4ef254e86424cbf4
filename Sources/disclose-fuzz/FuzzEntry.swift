import DiscloseFuzzTargets
import Foundation

// Built with `-sanitize=fuzzer,address -D FUZZING` by Scripts/fuzz, this is a libFuzzer
// target; built normally, it replays files given as arguments. The target is chosen by
// the DISCLOSE_FUZZ_TARGET environment variable (docx, markdown, html, disclosure).

let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["DISCLOSE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set DISCLOSE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzzTarget.run(Data(bytes: bytes, count: count))
    return 0
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let accepted = fuzzTarget.run(data)
            print("\(path): \(accepted ? "accepted" : "refused cleanly")")
        }
    }
}
#endif

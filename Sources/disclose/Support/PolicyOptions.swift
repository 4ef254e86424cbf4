import ArgumentParser
import DisclosureKit
import Foundation

/// `--policy`, shared by `stamp`, `verify` and `policy check`: the policy file, else the
/// one named in `.disclose.toml` (see `docs/policy.md`).
struct PolicyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An organisation AI policy (TOML) to hold disclosures against. Default: the `policy` in .disclose.toml, if any.", valueName: "policy.toml"))
    var policy: String?

    /// The config that applies in the current folder; a broken one stops the command.
    static func config() throws -> DiscloseConfig {
        do { return try DiscloseConfig.discover() } catch let error as PolicyError { throw PolicyOptions.fail(error) }
    }

    /// The policy from `--policy`, else from the config; nil when neither names one.
    func load() throws -> Policy? {
        guard let path = try policy ?? PolicyOptions.config().policy.map(PolicyOptions.display) else { return nil }
        do { return try PolicyLoader().load(path: path) } catch let error as PolicyError { throw PolicyOptions.fail(error) }
    }

    /// The checks `verify` adds for the policy.
    func checks() throws -> [any VerificationCheck] {
        try load().map { [PolicyCheck(policy: $0)] } ?? []
    }

    /// Refuses a `--task` without a policy, or one the policy does not list.
    static func checkTask(_ task: String?, in policy: Policy?) throws {
        guard let task else { return }
        guard let policy else {
            throw ValidationError("--task names a task in a policy; give --policy (or set `policy` in .disclose.toml).")
        }
        if let problem = policy.taskProblem(task) { throw ValidationError(problem) }
    }

    /// `path` relative to the current folder when it lies inside it, for shorter messages.
    static func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
    }

    /// Prints a policy or config error and gives its exit code.
    static func fail(_ error: PolicyError) -> ExitCode {
        Output.error(error.description)
        return ExitCode(error.exitCode)
    }
}

/// `--policy`, `--task` and `--role` on `stamp`.
struct StampPolicyOptions: ParsableArguments {
    @OptionGroup var source: PolicyOptions

    @Option(help: ArgumentHelp("The task or assignment the document was made for (a [[tasks]] id in the policy); recorded in the disclosure.", valueName: "id"))
    var task: String?

    @Option(help: ArgumentHelp("The kind of user making the declaration (a role in the policy, e.g. staff or pupils); recorded in the disclosure.", valueName: "role"))
    var role: String?

    /// The policy a stamp is made under (see ``StampPolicy``), or nil when none is given.
    func stampPolicy(recordBreach: Bool) throws -> StampPolicy? {
        guard let policy = try source.load() else {
            if task != nil || role != nil {
                throw ValidationError("--task and --role are recorded against a policy; give --policy (or set `policy` in .disclose.toml).")
            }
            if recordBreach {
                throw ValidationError("--record-breach records the rules of a policy the declaration does not meet; give --policy (or set `policy` in .disclose.toml).")
            }
            return nil
        }
        // A misspelt task or role is a usage error to correct, never a breach to record.
        try PolicyOptions.checkTask(task, in: policy)
        if let role, let problem = policy.roleProblem(role) {
            throw ValidationError("--role: " + problem)
        }
        return StampPolicy(policy: policy, recordBreach: recordBreach)
    }

    /// Prints the policy's warnings (tools not on the list, and so on) and any rules not met
    /// that were recorded (`--record-breach`).
    static func report(_ result: StampResult) {
        for warning in result.policyWarnings {
            Output.note("\(result.path): warning: \(warning.id): \(warning.message)")
        }
        if let outcome = result.disclosure.policyOutcome {
            for failure in result.policyFailures {
                Output.note("\(result.path): warning: \(failure.id): \(failure.message)")
            }
            Output.note("\(result.path): warning: stamped with --record-breach: the declaration does not meet \(outcome.policyName) (\(outcome.rules.joined(separator: ", "))); the stamp records this, and verify, policy check and audit will report it.")
        }
    }
}

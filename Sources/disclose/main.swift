import DisclosureKit

CommandRunner.run()

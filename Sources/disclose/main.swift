import DisclosureKit

DiscloseCommand.main()

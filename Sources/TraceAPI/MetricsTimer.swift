import Metrics

/// swift-metrics' `Timer`, named apart from Foundation's in files that import both.
typealias LatencyTimer = Timer

extension Frame {
    /// The rows that differ from `previous`, for the terminal layer to repaint; every row when there is no
    /// previous frame or its size differs (a resize or Ctrl-L repaints everything).
    public func changedRows(since previous: Frame?) -> [Int] {
        guard let previous, previous.rows == rows, previous.columns == columns else { return Array(0..<rows) }
        return (0..<rows).filter { cells[$0] != previous.cells[$0] }
    }
}

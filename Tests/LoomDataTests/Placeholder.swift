// Placeholder so the test target exists before its tests land; removed when they do.

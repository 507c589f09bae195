a ->b

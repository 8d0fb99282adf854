// Types for Vite's import suffixes used here.
/// <reference types="vite/client" />

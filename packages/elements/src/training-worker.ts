// The playground's worker: the training session from @webgrad/worker with every backend this
// build ships registered (the best available is picked at load time).
import '@webgrad/worker/worker-entry';

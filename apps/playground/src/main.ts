// The playground page's entry: defines the elements; index.html places <webgrad-playground>.
import './playground.js';

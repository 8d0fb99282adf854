// What the training library takes from the layers below it, in one place.
export * from '@webgrad/tensor';
export { grad, noGrad, valueAndGrad, variable } from '@webgrad/autograd';

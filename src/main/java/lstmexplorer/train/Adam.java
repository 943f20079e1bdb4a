package lstmexplorer.train;

import java.util.List;
import lstmexplorer.model.Gradients;
import lstmexplorer.model.Parameter;

/** Adam (Kingma & Ba 2015) with bias correction, as PyTorch's torch.optim.Adam with default betas. */
public final class Adam {
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;

    private final List<Parameter> parameters;
    private final double[][] m, v;
    private final double learningRate;
    private int step;

    public Adam(List<Parameter> parameters, double learningRate) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        m = new double[parameters.size()][];
        v = new double[parameters.size()][];
        for (int k = 0; k < m.length; k++) {
            m[k] = new double[parameters.get(k).size()];
            v[k] = new double[parameters.get(k).size()];
        }
    }

    public void update(Gradients grads) {
        step++;
        double correction1 = 1 - Math.pow(BETA1, step), correction2 = 1 - Math.pow(BETA2, step);
        for (int k = 0; k < m.length; k++) {
            double[] w = parameters.get(k).value().data, g = grads.get(k).data, mk = m[k], vk = v[k];
            for (int i = 0; i < mk.length; i++) {
                // m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;  w −= lr·m̂ / (√v̂ + ε)
                mk[i] = BETA1 * mk[i] + (1 - BETA1) * g[i];
                vk[i] = BETA2 * vk[i] + (1 - BETA2) * g[i] * g[i];
                w[i] -= learningRate * (mk[i] / correction1) / (Math.sqrt(vk[i] / correction2) + EPSILON);
            }
        }
    }

    /** Scales the gradients so their global L2 norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(Gradients grads, double maxNorm) {
        double norm = grads.norm();
        if (norm > maxNorm) grads.scale(maxNorm / (norm + 1e-6));
        return norm;
    }

}

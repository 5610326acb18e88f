"""EquiRouter in PyTorch (method.md section 3): a shared trunk, one FiLM-modulated copy per model
and a scoring head, trained with MSE plus a pairwise ranking loss that orders tied models cheaper-first."""

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


class EquiRouterNet(nn.Module):
    def __init__(self, dimensions, models, trunk=(1024, 512, 512), embedding=128, head=512):
        super().__init__()
        layers, width = [], dimensions
        for out in trunk:
            layers += [nn.Linear(width, out), nn.GELU(), nn.LayerNorm(out)]
            width = out
        self.trunk = nn.Sequential(*layers)
        self.embeddings = nn.Parameter(torch.randn(models, embedding) * 0.02)
        self.film = nn.Linear(embedding, 2 * width)
        self.probe = nn.Linear(embedding, width)
        self.head = nn.Sequential(nn.Linear(4 * width, head), nn.GELU(), nn.LayerNorm(head), nn.Linear(head, 1))
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)

    def forward(self, x):
        z = self.trunk(x)                                      # batch x width
        gamma, beta = self.film(self.embeddings).chunk(2, dim=1)  # models x width each
        z_m = gamma[None] * z[:, None] + beta[None]            # batch x models x width
        p_m = self.probe(self.embeddings)[None].expand_as(z_m)
        pair = torch.cat([z_m, p_m, z_m * p_m, (z_m - p_m).abs()], dim=2)
        return self.head(pair).squeeze(2)                      # batch x models


def ranking_pairs(quality, cost, tie):
    """Mask batch x i x j of the ordered pairs where model i must score above model j."""
    qi, qj = quality[:, :, None], quality[:, None, :]
    pairs = qi > qj
    if tie != "none":
        cheaper_tie = (qi == qj) & (cost[:, :, None] < cost[:, None, :])
        if tie == "top":
            top = quality.max(dim=1, keepdim=True).values
            cheaper_tie &= (quality == top)[:, :, None]
        pairs |= cheaper_tie
    return pairs


def equirouter_loss(scores, quality, cost, tie, rank_weight):
    """MSE(s, a) + rank_weight * mean over the batch's ordered pairs of softplus(-(s_i - s_j))."""
    mse = F.mse_loss(scores, quality)
    pairs = ranking_pairs(quality, cost, tie)
    if not pairs.any():
        return mse
    margins = scores[:, :, None] - scores[:, None, :]
    return mse + rank_weight * F.softplus(-margins[pairs]).mean()


def train_equirouter(features, quality, cost, seed, tie="top", epochs=5, batch=128, lr=1e-4, rank_weight=50.0):
    torch.manual_seed(seed)
    x = torch.from_numpy(np.ascontiguousarray(features, dtype=np.float32))
    a = torch.from_numpy(quality.astype(np.float32))
    c = torch.from_numpy(cost.astype(np.float32))
    net = EquiRouterNet(x.shape[1], a.shape[1])
    optimiser = torch.optim.Adam(net.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    epoch_losses = []
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), batch):
            rows = order[start:start + batch]
            loss = equirouter_loss(net(x[rows]), a[rows], c[rows], tie, rank_weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(rows)
        epoch_losses.append(total / len(x))
    return net, epoch_losses


def predict_equirouter(net, features, batch=4096):
    net.eval()
    with torch.no_grad():
        x = torch.from_numpy(np.ascontiguousarray(features, dtype=np.float32))
        return torch.cat([net(x[i:i + batch]) for i in range(0, len(x), batch)]).double().numpy()
